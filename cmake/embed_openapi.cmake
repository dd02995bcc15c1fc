# Embeds every src/api/openapi/*.json fragment, in file-name order; the
# server merges them into one OpenAPI document (api/openapi_routes.cpp).
file(GLOB files ${DIR}/*.json)
list(SORT files)
set(body "#include <string_view>\n#include <vector>\n\nnamespace prism::embedded {\n\nconst std::vector<std::string_view>& openapi_fragments() {\n  static const std::vector<std::string_view> kFragments = {\n")
foreach(f ${files})
  file(READ ${f} content)
  string(APPEND body "      R\"prism_embed(${content})prism_embed\",\n")
endforeach()
string(APPEND body "  };\n  return kFragments;\n}\n\n}  // namespace prism::embedded\n")
file(WRITE ${OUT} "${body}")
