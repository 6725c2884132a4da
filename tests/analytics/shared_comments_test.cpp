// Caregivers' comments as their municipality's staff may read them: only in
// a round that shares them under a consent that said so, after it closes,
// from k responses on, masked and in an order that says nothing of when.
#include "analytics/shared_comments.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "store/internal/connection.h"
#include "store_test_support.h"

namespace parorende::analytics {
namespace {

using testing::kCloses;
using testing::kOpens;

constexpr int kMinimum = 3;
// kCloses is April 30: the day after may still commit its last answers.
constexpr Date kDayAfterClosing{2026, 5, 1};
constexpr Date kAfterClosing{2026, 5, 2};

TEST(MaskComment, DigitsAndAddressesAreMaskedAndTheRestKept) {
  EXPECT_EQ(mask_comment("Ring meg på 912 34 567 eller skriv til kari.nordmann@example.no."),
            "Ring meg på ### ## ### eller skriv til …@….");
  EXPECT_EQ(mask_comment("Født 17.05.1950, bor i Storgata 3B"),
            "Født ##.##.####, bor i Storgata #B");
  EXPECT_EQ(mask_comment("Full-width １２ and Arabic-Indic ٣ and ۴"),
            "Full-width ## and Arabic-Indic # and #");
  EXPECT_EQ(mask_comment("a@b, x@y.no; (z+tag@sub.example.com)"), "a@b, …@…; (…@…)");
  EXPECT_EQ(mask_comment("Pårørende @kommunen er flinke!"), "Pårørende @kommunen er flinke!");
  EXPECT_EQ(mask_comment(""), "");
}

TEST(MaskComment, AddressesWrittenLooselyAndDigitsOfOtherKindsAreMaskedToo) {
  EXPECT_EQ(mask_comment("kari @ example.no eller ola @example.no eller per＠example.no"),
            "…@… eller …@… eller …@…");
  EXPECT_EQ(mask_comment("rom ² ⁴ ₅ ① ⑳ ❸ 𝟗 ९ ۴"), "rom # # # # # # # # #");
  EXPECT_EQ(mask_comment("ikke @ her og ikke a@b"), "ikke @ her og ikke a@b");
  // Bytes that are no UTF-8 stay as they are, and the mask stays valid
  // around them.
  EXPECT_EQ(mask_comment(std::string("\xE2\x81 7 \xF0")), std::string("\xE2\x81 # \xF0"));
}

TEST(MaskComment, HostileTextTakesOnePass) {
  // Quadratic scanning of 200,000 at signs would not finish in the test's
  // time limit.
  std::string text(200000, '@');
  EXPECT_EQ(mask_comment(text), text);
  std::string pairs;
  for (int i = 0; i < 100000; ++i) pairs += "a@";
  EXPECT_EQ(mask_comment(pairs), pairs);
}

class SharedCommentsTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    // small_survey 1.1.0, whose consent tells caregivers that the
    // municipality reads their comments.
    boost::json::object definition = boost::json::parse(testing::small_survey_text()).as_object();
    definition["version"] = "1.1.0";
    definition["consent"].as_object()["version"] = "2026-2";
    definition["consent"].as_object()["shares_comments"] = true;
    auto published = store_->publish_questionnaire(boost::json::serialize(definition));
    ASSERT_TRUE(published.ok()) << testing::describe_result(published);
    questionnaire_ = store_->questionnaire("small_survey", "1.1.0").value();
    auto shared =
        store_->create_wave({"shared", "small_survey", "1.1.0", kOpens, kCloses, {}, true});
    ASSERT_TRUE(shared.ok()) << testing::describe_result(shared);
    EXPECT_TRUE(shared->comments_shared);
  }

  void import(std::string_view municipality, const std::string& comment,
              Completeness completeness = Completeness::complete) {
    Response answered = response(R"({"home": ")" + std::string(municipality) +
                                     R"(", "informed": 4, "comment": ")" + comment + R"("})",
                                 completeness, municipality);
    std::vector<ImportedResponse> batch{{answered, "2026-2"}};
    auto imported = store_->import_responses("shared", batch, kOpens);
    ASSERT_TRUE(imported.ok()) << testing::describe_result(imported);
  }
};

TEST_F(SharedCommentsTest, ARoundSharesCommentsOnlyUnderAConsentThatSaysSo) {
  auto refused =
      store_->create_wave({"not told", "small_survey", "1.0.0", kOpens, kCloses, {}, true});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "comments_not_consented");
  EXPECT_FALSE(store_->wave("not told").ok());

  // A round that does not share them gives none, with or without consent.
  ASSERT_TRUE(
      store_->create_wave({"quiet", "small_survey", "1.1.0", kOpens, kCloses, {}, false}).ok());
  for (const char* wave : {"spring", "quiet"}) {
    auto shown = shared_comments(*store_, wave, "0301", kMinimum, kAfterClosing);
    ASSERT_FALSE(shown.ok()) << wave;
    EXPECT_EQ(shown.error().code, "comments_not_shared") << wave;
  }
  auto elsewhere = shared_comments(*store_, "west", "0301", kMinimum, kAfterClosing);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "municipality_not_in_wave");
  EXPECT_EQ(shared_comments(*store_, "nope", "0301", kMinimum, kAfterClosing).error().code,
            "wave_not_found");
}

TEST_F(SharedCommentsTest, AFlagSetBehindTheStoresBackStillNeedsTheConsent) {
  // A round of small_survey 1.0.0, whose consent says nothing of comments,
  // marked as sharing them in the file itself.
  store_.reset();
  {
    auto connection = connect_directly();
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(connection.value()
                    ->execute("UPDATE waves SET comments_shared = 1 WHERE name = 'spring'")
                    .ok());
  }
  store_ = testing::open_store_at(path_);
  ASSERT_NE(store_, nullptr);
  ASSERT_TRUE(store_->wave("spring")->comments_shared);
  auto shown = shared_comments(*store_, "spring", "0301", kMinimum, kAfterClosing);
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().code, "comments_not_shared");
}

TEST_F(SharedCommentsTest, NothingWhileTheRoundIsOpenOrUnderK) {
  for (int i = 0; i < kMinimum - 1; ++i) import("0301", "Kommentar " + std::to_string(i));
  import("0301", "Uferdig", Completeness::partial);
  import("4601", "Bergen");

  auto under_k = shared_comments(*store_, "shared", "0301", kMinimum, kAfterClosing);
  ASSERT_TRUE(under_k.ok()) << testing::describe_result(under_k);
  EXPECT_EQ(under_k->withheld, CommentsWithheld::fewer_than_k);
  EXPECT_TRUE(under_k->comments.empty());

  import("0301", "Kommentar 9");
  for (Date day : {kCloses, kDayAfterClosing}) {
    auto open = shared_comments(*store_, "shared", "0301", kMinimum, day);
    ASSERT_TRUE(open.ok());
    EXPECT_EQ(open->withheld, CommentsWithheld::round_open) << day.iso();
    EXPECT_TRUE(open->comments.empty());
  }

  auto shown = shared_comments(*store_, "shared", "0301", kMinimum, kAfterClosing);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->withheld, CommentsWithheld::no);
  ASSERT_EQ(shown->items.size(), 1u);
  EXPECT_EQ(shown->items[0]->id, "comment");
  // Complete responses of this municipality only, masked, sorted by text.
  std::vector<std::string> texts;
  for (const SharedComment& comment : shown->comments) {
    EXPECT_EQ(comment.item, "comment");
    texts.push_back(comment.text);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"Kommentar #", "Kommentar #", "Kommentar #"}));
}

TEST_F(SharedCommentsTest, TheOrderSaysNothingOfWhenACommentCame) {
  for (const char* text : {"c kom først", "a kom nest", "b kom sist"}) import("0301", text);
  auto shown = shared_comments(*store_, "shared", "0301", kMinimum, kAfterClosing);
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->comments.size(), 3u);
  EXPECT_EQ(shown->comments[0].text, "a kom nest");
  EXPECT_EQ(shown->comments[1].text, "b kom sist");
  EXPECT_EQ(shown->comments[2].text, "c kom først");
}

}  // namespace
}  // namespace parorende::analytics
