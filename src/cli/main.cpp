#include "cli/app.hpp"

int main(int argc, char** argv) { return prism::cli::run(argc, argv); }
