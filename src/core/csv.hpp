#pragma once

#include <string>
#include <string_view>

namespace prism {

// One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, with
// quotes doubled; a cell starting with = + - @ TAB or CR is prefixed with a
// single quote so a spreadsheet opening the file does not run it as a formula.
std::string csv_cell(std::string_view value);

}  // namespace prism
