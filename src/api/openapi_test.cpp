#include <gtest/gtest.h>

#include <filesystem>

#include "api/openapi_routes.hpp"
#include "app/application.hpp"
#include "core/ids.hpp"

namespace prism::api {
namespace {

// The OpenAPI document must describe exactly the routes the server has.
TEST(OpenApi, DocumentMatchesTheRouter) {
  auto dir = std::filesystem::temp_directory_path() / ("prism-openapi-" + new_id());
  config::Env env{{"DATABASE_URL", "sqlite:" + (dir / "prism.db").string()}};
  auto cfg = config::load_config(env);
  {
    app::Application application(cfg);
    auto documented = openapi_operations();
    auto served = router_operations(application.router());
    for (const auto& op : served) EXPECT_TRUE(documented.contains(op)) << "undocumented route: " << op;
    for (const auto& op : documented) EXPECT_TRUE(served.contains(op)) << "documented but not served: " << op;
  }
  std::filesystem::remove_all(dir);
}

TEST(OpenApi, EveryReferenceResolves) {
  for (const auto& ref : openapi_dangling_refs()) ADD_FAILURE() << "dangling $ref: " << ref;
}

}  // namespace
}  // namespace prism::api
