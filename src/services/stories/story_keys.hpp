#pragma once

// What a story key is: the project's key and the story's number within the
// project, "CHK-12". Only the number is stored; the key is formed with the
// project's current key, so it follows a renamed project (and the old key no
// longer finds the story).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prism::services {

struct StoryKey {
  std::string project_key;  // upper-case
  std::int64_t number = 0;
};

std::string story_key(std::string_view project_key, std::int64_t number);

// "CHK-12", in any case and with surrounding blanks, as {"CHK", 12}; nullopt
// when the text is not a project key, a dash and a positive number.
std::optional<StoryKey> parse_story_key(std::string_view text);

// The story number a search box's text names in the project keyed
// `project_key`: its key ("CHK-12", any case), "#12" or "12". nullopt for
// anything else, a key of another project included.
std::optional<std::int64_t> story_number_in(std::string_view text, std::string_view project_key);

}  // namespace prism::services
