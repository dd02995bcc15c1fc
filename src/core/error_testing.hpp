#pragma once

// For unit tests only: the code of the prism::Error a call throws.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"

namespace prism {

inline ErrorCode code_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "expected an error";
  return ErrorCode::kInternal;
}

}  // namespace prism
