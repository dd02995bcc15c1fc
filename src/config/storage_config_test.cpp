#include "config/storage_config.hpp"

#include <gtest/gtest.h>

namespace prism::config {
namespace {

TEST(StorageConfig, QuotaInBytesOrWithAUnit) {
  EXPECT_EQ(load_storage_config({}).quota_bytes, 0);
  EXPECT_NE(describe(load_storage_config({})).find("DATABASE_QUOTA_BYTES=(none)"),
            std::string::npos);
  auto quota = [](const char* v) {
    return load_storage_config({{"DATABASE_QUOTA_BYTES", v}}).quota_bytes;
  };
  EXPECT_EQ(quota("3000000000"), 3'000'000'000);
  EXPECT_EQ(quota("3GB"), 3'000'000'000);
  EXPECT_EQ(quota("3 gb"), 3'000'000'000);
  EXPECT_EQ(quota("0.5GB"), 500'000'000);
  EXPECT_EQ(quota("512MiB"), 512LL * 1024 * 1024);
  EXPECT_EQ(quota("1 MiB"), 1024 * 1024);
  EXPECT_NE(describe(load_storage_config({{"DATABASE_QUOTA_BYTES", "3GB"}})).find("(3.00 GB)"),
            std::string::npos);
}

TEST(StorageConfig, BadQuotasNameTheVariable) {
  for (const char* bad : {"lots", "3 parsecs", "-1GB", "1000", "0", "1e30", "GB", "3GB extra"}) {
    try {
      load_storage_config({{"DATABASE_QUOTA_BYTES", bad}});
      ADD_FAILURE() << bad;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("DATABASE_QUOTA_BYTES: ", 0), 0u) << e.what();
    }
  }
}

TEST(StorageConfig, HumanBytes) {
  EXPECT_EQ(human_bytes(999), "999 bytes");
  EXPECT_EQ(human_bytes(2'800'000'000), "2.80 GB");
  EXPECT_EQ(human_bytes(1'500'000), "1.50 MB");
}

}  // namespace
}  // namespace prism::config
