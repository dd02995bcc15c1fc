# Embeds one text file as a C++ function returning std::string_view.
file(READ ${IN} content)
file(WRITE ${OUT} "#include <string_view>\n\nnamespace prism::embedded {\n\nstd::string_view ${NAME}() {\n  static constexpr std::string_view kText = R\"prism_embed(${content})prism_embed\";\n  return kText;\n}\n\n}  // namespace prism::embedded\n")
