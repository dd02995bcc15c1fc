// The offline template's PRD for every combination of missing inputs: no
// paragraph twice, no broken phrases, consecutive requirement ids, and each
// missing input asked for once in plain words.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "ai/prompts.hpp"
#include "ai/template/template_provider.hpp"
#include "ai/templates.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"

namespace prism::ai {
namespace {

constexpr int kInputs = 5;  // product name, description, audience, features, constraints

PrdInput brief_without(int missing) {
  PrdInput in{"Checkout Express",
              "A one-page checkout that remembers returning shoppers.",
              "Returning shoppers on mobile",
              {"Pay with a saved card", "Edit the delivery address inline", "Refunds",
               "Email receipts", "Search past orders"},
              {"PCI DSS compliant", "Pages load in under 1 second on 4G"}};
  if (missing & 1) in.product_name.clear();
  if (missing & 2) in.description.clear();
  if (missing & 4) in.target_audience.clear();
  if (missing & 8) in.key_features.clear();
  if (missing & 16) in.constraints.clear();
  return in;
}

std::string describe(const Template& t, int missing) {
  std::string out = t.name + " without:";
  const char* names[kInputs] = {"product", "description", "audience", "features", "constraints"};
  for (int i = 0; i < kInputs; ++i) {
    if (missing & (1 << i)) out += std::string(" ") + names[i];
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string normal(std::string_view s) {
  std::string out;
  for (char c : ascii_lower(s)) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Paragraphs, and the lines of list paragraphs on their own, that appear
// twice; headings and lines under 25 characters are not compared.
std::vector<std::string> repeats(const std::string& md) {
  std::vector<std::string> found;
  std::set<std::string> seen;
  auto check = [&](const std::string& unit) {
    std::string n = normal(unit);
    if (n.size() < 25) return;
    if (!seen.insert(n).second) found.push_back(n);
  };
  std::string paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    auto lines = lines_of(paragraph);
    if (lines.size() == 1) {
      check(paragraph);
    } else {
      check(paragraph);
      for (const auto& l : lines) {
        if (l.starts_with("- ")) check(l);
      }
    }
    paragraph.clear();
  };
  for (const auto& line : lines_of(md)) {
    if (line.empty() || line.starts_with("#")) {
      flush();
      continue;
    }
    paragraph += line + "\n";
  }
  flush();
  return found;
}

std::vector<std::string> broken_phrases(const std::string& md) {
  std::vector<std::string> found;
  static const std::vector<std::pair<std::regex, std::string>> kRules{
      {std::regex(R"(not given)"), "a placeholder spliced into a sentence"},
      {std::regex(R"(\(none given\))"), "a placeholder list"},
      {std::regex(R"([\])]'s)"), "a possessive after a placeholder"},
      {std::regex(R"(\S  +\S)"), "a double space"},
      {std::regex(R"(^\s*[-*+]\s*$)"), "an empty bullet"},
      {std::regex(R"(^\s*[-*+]\s*[:.,])"), "a bullet without text"},
      {std::regex(R"(\s[.,;:](\s|$))"), "punctuation after a space"},
      {std::regex(R"([.,;:]{2})"), "doubled punctuation"},
      {std::regex(R"(""|\(\)|\[\])"), "an empty quote or bracket"},
      {std::regex(R"(\b(\w+) \1\b)", std::regex::icase), "a doubled word"},
      {std::regex(R"(\ba [aeiAEI])"), "\"a\" before a vowel"},
      {std::regex(R"(^(?!#|>|-|\*\*|\s).*[^.?!:*]$)"), "a paragraph line without a full stop"},
      {std::regex(R"(^(-|>) .*[^.?!]$)"), "a bullet or note without a full stop"},
  };
  for (const auto& line : lines_of(md)) {
    for (const auto& [re, what] : kRules) {
      if (std::regex_search(line, re)) found.push_back(what + ": " + line);
    }
  }
  return found;
}

// The ids each requirement section defines, in order, must run 1, 2, 3 …;
// every id the document mentions must be defined.
void expect_consecutive_ids(const std::string& md, const std::string& where) {
  std::map<std::string, std::vector<int>> defined;
  static const std::regex kDefinition(R"(^- ((?:FR|NFR|SM))-([0-9]+)\b)");
  for (const auto& s : docs::parse_sections(md)) {
    std::string prefix = requirement_prefix(s.title);
    if (prefix.empty()) continue;
    for (const auto& line : lines_of(s.body)) {
      std::smatch m;
      if (std::regex_search(line, m, kDefinition)) {
        EXPECT_EQ(m[1].str(), prefix) << where << ": " << line;
        defined[prefix].push_back(std::stoi(m[2].str()));
      }
    }
  }
  for (const auto& [prefix, numbers] : defined) {
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      EXPECT_EQ(numbers[i], static_cast<int>(i + 1)) << where << ": " << prefix;
    }
  }
  static const std::regex kMention(R"(\b(FR|NFR|SM)-([0-9]+)\b)");
  for (auto it = std::sregex_iterator(md.begin(), md.end(), kMention); it != std::sregex_iterator();
       ++it) {
    std::string prefix = (*it)[1].str();
    int n = std::stoi((*it)[2].str());
    EXPECT_LE(n, static_cast<int>(defined[prefix].size()))
        << where << ": " << prefix << "-" << n << " is mentioned but not defined";
  }
}

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The checks below would have caught the old template's flaws.
TEST(TemplatePrd, TheChecksCatchTheOldFlaws) {
  std::string old =
      "## Problem\n\n(description not given)\n\n> To complete: state the problem in (target "
      "audience not given)'s terms.\n\n## Risks\n\n> To complete: write the Given/When/Then "
      "criteria that define done.\n\n## Acceptance\n\n> To complete: write the Given/When/Then "
      "criteria that define done.\n\n- \n- As one of  users, I want x, so that (benefit).\n";
  EXPECT_EQ(repeats(old).size(), 1u);
  auto broken = broken_phrases(old);
  auto has = [&broken](std::string_view what) {
    return std::any_of(broken.begin(), broken.end(),
                       [what](const std::string& b) { return b.starts_with(what); });
  };
  EXPECT_TRUE(has("a placeholder spliced into a sentence"));
  EXPECT_TRUE(has("a possessive after a placeholder"));
  EXPECT_TRUE(has("an empty bullet"));
  EXPECT_TRUE(has("a double space"));
  EXPECT_TRUE(has("a paragraph line without a full stop"));
}

TEST(TemplatePrd, EveryCombinationOfMissingInputsReadsWell) {
  for (const auto& t : builtin_templates()) {
    for (int missing = 0; missing < (1 << kInputs); ++missing) {
      PrdInput in = brief_without(missing);
      std::string where = describe(t, missing);
      std::string md = TemplateProvider::compose(prd_request(in, t, ModelLimits{}).task);
      SCOPED_TRACE(where + "\n" + md);
      EXPECT_EQ(repeats(md), std::vector<std::string>{});
      EXPECT_EQ(broken_phrases(md), std::vector<std::string>{});
      expect_consecutive_ids(md, where);

      std::vector<std::string> titles;
      for (const auto& s : docs::parse_sections(md)) {
        if (!s.title.empty()) titles.push_back(s.title);
      }
      ASSERT_EQ(titles.size(), t.sections.size());
      for (std::size_t i = 0; i < titles.size(); ++i) EXPECT_EQ(titles[i], t.sections[i].title);

      // What was given is used; what is missing is asked for, once.
      for (const auto& f : in.key_features) EXPECT_NE(md.find(f), std::string::npos) << f;
      if (!in.description.empty()) {
        EXPECT_EQ(count_of(md, in.description), 1u);
      }
      if (!in.product_name.empty()) {
        EXPECT_NE(md.find(in.product_name), std::string::npos);
      }
      bool no_name = in.product_name.empty();
      EXPECT_EQ(count_of(md, "add the product name"), no_name ? 1u : 0u);
      EXPECT_EQ(count_of(md, "add the target audience"), in.target_audience.empty() ? 1u : 0u);
      if (in.key_features.empty()) {
        EXPECT_EQ(count_of(md, "add the key features") + count_of(md, "list the key features"), 1u);
      } else {
        EXPECT_EQ(count_of(md, "key features"), 0u);
      }
      if (!in.target_audience.empty()) {
        EXPECT_NE(md.find("returning shoppers on mobile"), std::string::npos);
      }
    }
  }
}

TEST(TemplatePrd, RequirementsCarryMeasurableTargets) {
  auto md = TemplateProvider::compose(
      prd_request(brief_without(0), *find_builtin("comprehensive"), ModelLimits{}).task);
  static const std::regex kDefinition(R"(^- (FR|NFR|SM)-[0-9]+( \(suggested\))?: )");
  int definitions = 0;
  for (const auto& line : lines_of(md)) {
    if (!std::regex_search(line, kDefinition)) continue;
    ++definitions;
    EXPECT_NE(line.find("[N]"), std::string::npos) << line;
  }
  EXPECT_EQ(definitions, 5 + 4 + 6);
  EXPECT_NE(md.find("- FR-1: Pay with a saved card. Target: [N]% of payments succeed"),
            std::string::npos);
  EXPECT_NE(md.find("- FR-5: Search past orders. Target: results appear within [N] ms (p95)"),
            std::string::npos);
  EXPECT_NE(md.find("- NFR-1: PCI DSS compliant. Verified by an external audit"),
            std::string::npos);
  // Suggestions fill in the kinds the constraints leave out, marked as such.
  EXPECT_NE(md.find("- NFR-3 (suggested): Availability:"), std::string::npos);
  EXPECT_EQ(md.find("(suggested): Security"), std::string::npos) << "PCI DSS covers security";
}

TEST(TemplatePrd, StoriesSectionHasRealBenefits) {
  auto md = TemplateProvider::compose(
      prd_request(brief_without(0), *find_builtin("comprehensive"), ModelLimits{}).task);
  EXPECT_NE(md.find("- As a returning shopper on mobile, I want to pay with a saved card, so "
                    "that I can pay in fewer steps"),
            std::string::npos);
  EXPECT_NE(md.find("I want refunds, so that I get my money back"), std::string::npos);
  std::set<std::string> benefits;
  for (const auto& line : lines_of(md)) {
    auto at = line.find("so that ");
    if (!line.starts_with("- As a") || at == std::string::npos) continue;
    std::string benefit = line.substr(at);
    EXPECT_EQ(benefit.find("FR-"), benefit.find("(FR-") + 1) << "only the trailing reference";
    benefits.insert(benefit.substr(0, benefit.find('.')));
  }
  EXPECT_EQ(benefits.size(), 5u) << "each feature its own benefit";
}

TEST(TemplatePrd, CustomTemplatesWithLookAlikeSectionsDoNotRepeat) {
  Template t = *find_builtin("lean");
  t.sections = {{"Summary", "", true},
                {"Overview", "", true},
                {"Risks", "What could go wrong.", true},
                {"Dependencies", "What could go wrong.", true},
                {"Glossary", "", false},
                {"Functional Requirements", "", true}};
  auto md = TemplateProvider::compose(prd_request(brief_without(4), t, ModelLimits{}).task);
  EXPECT_EQ(repeats(md), std::vector<std::string>{}) << md;
  EXPECT_EQ(broken_phrases(md), std::vector<std::string>{}) << md;
  EXPECT_NE(md.find("## Glossary\n\n> To complete: write the \"Glossary\" section."),
            std::string::npos)
      << md;
  EXPECT_EQ(count_of(md, "add the target audience"), 1u) << md;
}

TEST(TemplatePrd, IsDeterministic) {
  for (const auto& t : builtin_templates()) {
    for (int missing : {0, 5, 31}) {
      auto task = prd_request(brief_without(missing), t, ModelLimits{}).task;
      EXPECT_EQ(TemplateProvider::compose(task), TemplateProvider::compose(task));
    }
  }
}

}  // namespace
}  // namespace prism::ai
