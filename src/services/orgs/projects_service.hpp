#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/caller.hpp"
#include "services/orgs/orgs_input.hpp"
#include "store/database.hpp"
#include "store/projects_store.hpp"

namespace prism::services {

// Projects group an organization's documents. Any member reads them; admins
// manage them (create, edit, soft delete), as the role matrix of API.md says.
class ProjectsService {
 public:
  explicit ProjectsService(store::Database& db) : db_(db) {}

  // Admin or higher; 409 when a live project of the org has the key.
  store::projects::Project create(const Caller& caller, std::string_view org_id,
                                  const CreateProjectInput& input);
  // Any member; up to `limit + 1` projects after `cursor`.
  std::vector<store::projects::Project> list(std::string_view user_id, std::string_view org_id,
                                             const std::optional<std::string>& cursor, int limit);
  store::projects::Project get(std::string_view user_id, std::string_view project_id);
  // Admin or higher.
  store::projects::Project update(const Caller& caller, std::string_view project_id,
                                  const UpdateProjectInput& input);
  // Admin or higher.
  void remove(const Caller& caller, std::string_view project_id);

 private:
  store::Database& db_;
};

}  // namespace prism::services
