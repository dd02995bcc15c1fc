#pragma once

#include <stdexcept>
#include <string>

namespace prism::config {

// A setting with a bad value: start-up stops with one message naming it.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string variable, const std::string& message)
      : std::runtime_error(variable + ": " + message), variable_(std::move(variable)) {}
  const std::string& variable() const { return variable_; }

 private:
  std::string variable_;
};

}  // namespace prism::config
