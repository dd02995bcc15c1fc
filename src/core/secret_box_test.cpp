#include "core/secret_box.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

#include <vector>

namespace prism::crypto {
namespace {

const std::string kOld(40, 'o');
const std::string kNew(40, 'n');

TEST(SecretBox, SealsAndOpensBoundToItsOrganization) {
  init();
  SecretBox box(kNew);
  std::string sealed = box.seal("sk-live-1234567890", "org-1");
  EXPECT_EQ(sealed.find("sk-live"), std::string::npos);
  EXPECT_EQ(box.open(sealed, "org-1"), "sk-live-1234567890");
  EXPECT_EQ(box.open(sealed, "org-2"), std::nullopt) << "copied to another organization";
  EXPECT_NE(box.seal("sk-live-1234567890", "org-1"), sealed) << "a fresh nonce each time";
  EXPECT_TRUE(box.is_current(sealed));
}

TEST(SecretBox, RefusesAlteredAndMalformedValues) {
  init();
  SecretBox box(kNew);
  std::string sealed = box.seal("secret", "org");
  std::string altered = sealed;
  altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(box.open(altered, "org"), std::nullopt);
  for (const std::string& bad : std::vector<std::string>{"", "v1", "v1.", "v2." + box.key_id() + ".AAAA", "v1.00000000.AAAA",
                          "v1." + box.key_id() + ".!!!", "v1." + box.key_id() + ".AAAA"}) {
    EXPECT_EQ(box.open(bad, "org"), std::nullopt) << bad;
  }
}

TEST(SecretBox, OpensWhatThePreviousKeySealedUntilRotated) {
  init();
  std::string sealed = SecretBox(kOld).seal("sk-old", "org");
  SecretBox rotated(kNew, kOld);
  EXPECT_EQ(rotated.open(sealed, "org"), "sk-old");
  EXPECT_FALSE(rotated.is_current(sealed));
  std::string resealed = rotated.seal(*rotated.open(sealed, "org"), "org");
  EXPECT_TRUE(rotated.is_current(resealed));
  EXPECT_EQ(SecretBox(kNew).open(resealed, "org"), "sk-old");
  EXPECT_EQ(SecretBox(kNew).open(sealed, "org"), std::nullopt) << "the previous key is gone";
}

}  // namespace
}  // namespace prism::crypto
