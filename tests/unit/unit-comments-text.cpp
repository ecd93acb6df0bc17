// Comment text: folding and words (text_shape), examples safe to show, generic comments in the
// languages the word list covers, and near-duplicate templates.
#include <doctest/doctest.h>

#include <random>

#include "comments/generic.h"
#include "comments/templates.h"
#include "comments/text.h"
#include "utf8.h"

using namespace fm::cmt;

namespace {
std::vector<std::string> words(const std::string& text) { return text_shape(text).words; }
const GenericLexicon& lexicon() {
  static const GenericLexicon lex = make_lexicon({"who cares"});
  return lex;
}
bool generic(const std::string& text) { return is_generic(text_shape(text), lexicon()); }
}  // namespace

TEST_CASE("text_shape folds case, accents and scripts, and marks mentions, links, hashtags and money") {
  CHECK(words("Très JOLIE, j'adore!") == std::vector<std::string>{"tres", "jolie", "jadore"});
  CHECK(words("Schöööön ❤️❤️") == std::vector<std::string>{"schoooon"});
  CHECK(words("ОЧЕНЬ Красиво") == std::vector<std::string>{"очень", "красиво"});
  CHECK(words("ما شاء الله، رائعة") == std::vector<std::string>{"ما", "شاء", "الله", "رائعه"});  // teh marbuta folded
  CHECK(words("ＮＩＣＥ \xF0\x9D\x90\x8D\xF0\x9D\x90\x88\xF0\x9D\x90\x82\xF0\x9D\x90\x84") ==
        std::vector<std::string>{"nice", "nice"});  // fullwidth and mathematical bold
  TextShape s = text_shape("DM @trade_with_jane.fx now: https://t.me/x #Crypto $500 😍🔥");
  CHECK(s.words == std::vector<std::string>{"dm", "@", "now", "url", "#", "crypto", "$", "000"});
  CHECK(s.mentions == 1);
  CHECK(s.links == 1);
  CHECK(s.hashtags == 1);
  CHECK(s.emoji == 2);
  CHECK(s.digits == 3);
}

TEST_CASE("text_shape treats combining marks, joiners and skin tones as part of what precedes them") {
  TextShape s = text_shape(
      "mc\xE1\xBA\xB9\xCC\x80w \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
  CHECK(s.words == std::vector<std::string>{"mcew"});
  CHECK(s.emoji == 3);  // thumbs up (toned), man, woman: the tone and the joiner are no emoji of their own
}

TEST_CASE("text_shape survives invalid UTF-8 and yields valid UTF-8 words") {
  TextShape s = text_shape(std::string("ab\xC3\x28 cd\xFF\xFE", 8));
  for (const std::string& w : s.words) CHECK(fm::utf8_valid(w));
  CHECK(s.words.front() == "ab");
}

TEST_CASE("squeeze collapses repeated letters, whatever their script") {
  CHECK(squeeze("niceeee") == "nice");
  CHECK(squeeze("cool") == "col");
  CHECK(squeeze("красивооо") == "красиво");
}

TEST_CASE("example_text masks mentions and links, drops control and direction characters, and truncates") {
  CHECK(example_text("thanks @jane.doe_1 see https://x.y/z") == "thanks @\xE2\x80\xA6 see [link]");
  CHECK(example_text("a\x1b[31mred\xE2\x80\xAE"
                     "evil\nline") == "a [31mred evil line");
  std::string long_text(200, 'x');
  std::string cut = example_text(long_text, 10);
  CHECK(cut == std::string(10, 'x') + "\xE2\x80\xA6");
  CHECK(example_text("  spaced   out  ") == "spaced out");
  CHECK(fm::utf8_valid(example_text(std::string("\xF0\x9F\x98", 3) + "ok")));
}

TEST_CASE("generic comments in the languages of the word list") {
  for (const char* t : {"Nice pic!", "love this 😍", "Sooo beautiful", "🔥🔥🔥", "!!!", "hahahaha", "Prachtig, zo mooi",
                        "Trop beau ❤️", "Wunderschön!", "Qué bonito", "Bellissima", "Que lindo, amei",
                        "Очень красиво", "ما شاء الله رائع", "who cares"})
    CHECK_MESSAGE(generic(t), t);
  for (const char* t : {"How much for a piece like this on the forearm?", "@anna look", "nice, see https://x.y",
                        "love this love this love this love this love this", "bitcoin to the moon", ""})
    CHECK_MESSAGE(!generic(t), t);
}

TEST_CASE("trigrams ignore short comments and mentions; near-duplicates join across authors only") {
  CHECK(trigrams(text_shape("love this so")).empty());
  CHECK(trigrams(text_shape("@a @b look at this")).empty());  // three words once the mentions are left out
  auto a = trigrams(text_shape("Best tattoo studio in town, the linework is unreal!"));
  auto b = trigrams(text_shape("best tattoo studio in town the linework is unreal 🔥"));
  auto c = trigrams(text_shape("Greatest tattoo studio in town, the linework is unreal"));
  auto d = trigrams(text_shape("Do you still have slots in June for a small piece?"));
  CHECK(jaccard(a, b) == doctest::Approx(1.0));
  CHECK(jaccard(a, c) >= kTemplateSimilarity);
  CHECK(jaccard(a, d) < 0.2);
  // Authors 0, 1, 0, 2: the first two join, the third (author 0 again) joins through author 1,
  // the fourth stays alone; one author repeating itself alone never forms a group.
  auto g = near_duplicate_groups({a, b, c, d}, {0, 1, 0, 2});
  CHECK(g == std::vector<size_t>{0, 0, 0, 3});
  auto same = near_duplicate_groups({a, b}, {7, 7});
  CHECK(same == std::vector<size_t>{0, 1});
}

TEST_CASE("scripts without spaces: letters kept, words counted by letters, phrases compared by runs of code points") {
  // Han, kana and Thai (its vowel and tone marks too) stay letters; only punctuation splits.
  CHECK(words("这家店真的很好，推荐！") == std::vector<std::string>{"这家店真的很好", "推荐"});
  CHECK(words("本当に最高です！") == std::vector<std::string>{"本当に最高です"});
  CHECK(words("สวยมากค่ะ") == std::vector<std::string>{"สวยมากค่ะ"});
  CHECK(word_weight("love") == 1);
  CHECK(word_weight("정말") == 1);  // Korean is written with spaces
  CHECK(word_weight("太好看了") == 2);
  CHECK(word_weight("这家店的衣服质量真的很好") == 6);
  CHECK(word_weight("本当に最高です") == 3);  // 4 Han (2 words) and 3 kana (1)
  CHECK(word_weight("สวยมากค่ะ") == 3);        // 9 code points
  CHECK(word_weight("iphone手机") == 2);
  // Short praise stays below the template floor, as "so beautiful" does.
  for (const char* t :
       {"太好看了吧！", "真的好好看啊啊啊", "かわいいですね", "本当に美味しい", "สวยมากเลยค่ะ", "น่ารักมากกก"})
    CHECK_MESSAGE(trigrams(text_shape(t)).empty(), t);
  auto zh = trigrams(text_shape("这家店的衣服质量真的很好，强烈推荐给大家！"));
  auto th = trigrams(text_shape("ร้านนี้ของดีมากค่ะ ส่งไวมาก แนะนำเลยค่ะ"));
  REQUIRE(!zh.empty());
  REQUIRE(!th.empty());
  // Light edits keep a template; another remark on the same theme is not one.
  CHECK(jaccard(zh, trigrams(text_shape("这家店的衣服质量真的非常好，强烈推荐给大家😍"))) >= kTemplateSimilarity);
  CHECK(jaccard(zh, trigrams(text_shape("这家店的衣服质量很好!!强烈推荐给大家啊"))) >= kTemplateSimilarity);
  CHECK(jaccard(zh, trigrams(text_shape("这家店的衣服我买过三次了，每次都很满意"))) < 0.25);
  CHECK(jaccard(th, trigrams(text_shape("ร้านนี้ของดีมากครับ ส่งไวมาก แนะนำเลยครับ"))) >= kTemplateSimilarity);
  CHECK(jaccard(th, trigrams(text_shape("ได้รับของแล้วค่ะ ชอบมาก ใส่สบายมาก"))) < 0.25);
  // Spaced text around a phrase still counts its own words.
  CHECK(!trigrams(text_shape("wow 这个颜色真好看 love it")).empty());
}

TEST_CASE(
    "near-duplicate groups agree with comparing every pair: clear copies always join, groups hold only near pairs") {
  // 400 comments: edited copies of 20 sentences by different authors, and unrelated ones.
  const char* base[] = {"the artists here are so talented and friendly",
                        "best studio in town the linework is unreal",
                        "booked my next session already cannot wait",
                        "cleanest fine line work I have ever seen",
                        "if you want quality ink this is the place to go",
                        "healed perfectly thank you for the amazing work",
                        "every piece they post is better than the last one",
                        "worth every penny go see them for real art",
                        "my third tattoo from them and still blown away",
                        "the attention to detail here is next level",
                        "such a welcoming studio highly recommend to everyone",
                        "finally found a salon I trust with my curls",
                        "the team always knows exactly what I want",
                        "my hair has never felt this healthy thank you",
                        "these colours are always on point highly recommend",
                        "such a relaxing place with friendly stylists",
                        "the cut grew out so nicely best in town",
                        "amazing transformation they are true artists",
                        "professional clean and super creative artists",
                        "the shading on this is absolutely perfect"};
  const char* swaps[] = {"really", "truly", "honestly", "wow", "love", "great", "again", "today"};
  std::mt19937 rng(42);
  std::vector<std::vector<uint32_t>> grams;
  std::vector<uint32_t> authors;
  for (uint32_t i = 0; i < 400; ++i) {
    std::string t;
    if (i % 4 == 3) {  // unrelated: made-up words
      for (int w = 0; w < 6; ++w)
        t +=
            std::string(w ? " " : "") + char('a' + rng() % 26) + char('a' + rng() % 26) + "ok" + char('a' + rng() % 26);
    } else {
      t = base[rng() % 20];
      for (int e = 0; e < int(rng() % 3); ++e) t += std::string(" ") + swaps[rng() % 8];  // light edits
    }
    grams.push_back(trigrams(text_shape(t)));
    authors.push_back(i % 7 == 0 ? 0 : i);  // some share an author
  }
  std::vector<size_t> g = near_duplicate_groups(grams, authors);
  for (size_t i = 0; i < grams.size(); ++i) {
    for (size_t k = i + 1; k < grams.size(); ++k) {
      double j = jaccard(grams[i], grams[k]);
      if (j >= 0.6 && authors[i] != authors[k]) CHECK_MESSAGE(g[i] == g[k], i << " and " << k << " overlap " << j);
    }
  }
  // Every member of a group is near (>= kTemplateSimilarity) some other member by another author.
  for (size_t i = 0; i < grams.size(); ++i) {
    bool alone = true, near = false;
    for (size_t k = 0; k < grams.size(); ++k) {
      if (k == i || g[k] != g[i]) continue;
      alone = false;
      near |= authors[k] != authors[i] && jaccard(grams[i], grams[k]) >= kTemplateSimilarity;
    }
    CHECK((alone || near));
  }
}
