#include "services/trash/trash_rules.hpp"

#include <gtest/gtest.h>

namespace prism::services::trash {
namespace {

TEST(TrashRules, AdministratorsRestoreAnythingMembersOnlyWhatTheyDeleted) {
  const std::optional<std::string> by_ada = std::string("ada");
  const std::optional<std::string> unknown;
  EXPECT_TRUE(may_restore(Role::kOwner, "bob", by_ada));
  EXPECT_TRUE(may_restore(Role::kAdmin, "bob", by_ada));
  EXPECT_TRUE(may_restore(Role::kAdmin, "bob", unknown)) << "deleted before deleted_by existed";
  EXPECT_TRUE(may_restore(Role::kMember, "ada", by_ada));
  EXPECT_FALSE(may_restore(Role::kMember, "bob", by_ada));
  EXPECT_FALSE(may_restore(Role::kMember, "ada", unknown));
  EXPECT_FALSE(may_restore(Role::kViewer, "ada", by_ada)) << "a deleter demoted to viewer";
}

TEST(TrashRules, PurgeTimesFollowTheRetention) {
  EXPECT_EQ(purge_at(1000, 30), 1000 + 30 * kDayMs);
  EXPECT_EQ(purge_at(1000, 0), 1000);
  EXPECT_EQ(purge_cutoff(100 * kDayMs, 30), 70 * kDayMs);
}

TEST(TrashRules, CursorsRoundTripAndNonsenseIsRefused) {
  Position p{1765100000123, "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"};
  auto back = decode_cursor(encode_cursor(p));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->deleted_at, p.deleted_at);
  EXPECT_EQ(back->id, p.id);
  for (const char* bad : {"", ".", "12", "abc.0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "12.not-an-id",
                          "-5.0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"}) {
    EXPECT_FALSE(decode_cursor(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace prism::services::trash
