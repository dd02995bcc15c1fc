#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ai/provider.hpp"
#include "ai/requirements.hpp"
#include "ai/structured.hpp"
#include "ai/templates.hpp"
#include "ai/tokens.hpp"

namespace prism::ai {

// What the chosen model can take; the providers' model table supplies it.
struct ModelLimits {
  std::int64_t context_window = 200000;
  std::int64_t max_output_tokens = 8192;
};

struct PrdInput {
  std::string product_name;
  std::string description;
  std::string target_audience;
  std::vector<std::string> key_features;
  std::vector<std::string> constraints;
};

// Wraps user-supplied text as data: <tag>\n…\n</tag>. Anything in the text that
// looks like the opening or closing of one of the prompt's data tags has its
// '<' replaced by "&lt;", so the data cannot end its own block early.
std::string data_block(std::string_view tag, std::string_view data);

// `wanted` limited by the model's output limit and by what is left of its
// context window after the request's prompt; at least 1.
int clamp_max_tokens(const CompletionRequest& request, std::int64_t wanted,
                     const ModelLimits& limits);

// A full Markdown PRD: one `##` section per template section, in order, with
// FR-n / NFR-n / SM-n ids. No `#` title line (the document has its own title).
// The system prompt holds the template's sections and the writing rules; the
// user turn only the brief.
CompletionRequest prd_request(const PrdInput& input, const Template& tmpl,
                              const ModelLimits& limits, std::int64_t max_tokens = 8192);

struct SectionInput {
  std::string_view document = {};
  std::string_view section_title = {};  // as the document writes it; "" for the preamble
  std::string_view current_text = {};
  std::string_view instruction = {};
  std::string_view guidance = {};  // the document template's guidance for the section, if any
};

// Only the rewritten body of one section (no heading). The other sections
// are sent as context, with a marker where the section stands, so its text
// is sent once.
CompletionRequest section_request(const SectionInput& input, const ModelLimits& limits,
                                  std::int64_t max_tokens = 4096);

// User stories for the requirements of `document` as {"stories":[…]}
// (json_output with stories_schema()). A document too long for the model is
// split into parts by section (split_by_sections), one request per part, the
// `count` spread over the parts; merge their answers with merge_stories.
// `cover`: functional requirements that must each get a story (each with the
// part that defines it); a part asks for at least as many stories as it has
// to cover, and task.input.cover lists their ids.
std::vector<CompletionRequest> stories_requests(std::string_view document, int count,
                                                const ModelLimits& limits,
                                                std::int64_t max_tokens = 8192,
                                                const std::vector<Requirement>& cover = {});

// The one follow-up of a stories request whose answer left requirements it
// had to cover without a story: the conversation so far and a turn naming
// the `missing` ones, asking for a story for each and nothing else.
CompletionRequest coverage_request(const CompletionRequest& original, std::string_view answer,
                                   const std::vector<Requirement>& missing);

// Consecutive `##` sections grouped into parts of at most `token_budget`
// estimated tokens; a section too long on its own is cut at paragraph, then
// line, then byte (UTF-8 safe) boundaries. Concatenating the parts gives the
// document back.
std::vector<std::string> split_by_sections(std::string_view md, std::int64_t token_budget);

// The parts' stories in order, without repeats, at most `count`. A repeat has
// the title of an earlier story, or its requirement_ref and "I want" (both
// ignoring case and spacing).
std::vector<Story> merge_stories(const std::vector<std::vector<Story>>& parts, int count);

}  // namespace prism::ai
