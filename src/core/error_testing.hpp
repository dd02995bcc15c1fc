#pragma once

// For unit tests only: the prism::Error a call throws, or its code.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"

namespace prism {

inline Error error_from(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error";
  return Error(ErrorCode::kInternal, "none");
}

inline ErrorCode code_of(const std::function<void()>& fn) { return error_from(fn).code(); }

}  // namespace prism
