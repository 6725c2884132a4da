// Reliability figures against R's psych package. The dataset, the expected
// values and the R script that produced them are in tests/data
// (psych_alpha_dataset.csv, psych_alpha_expected.csv,
// psych_alpha_reference.R); the dataset has missing answers, so psych's
// pairwise-complete handling is what is compared.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/statistics/psychometrics.h"

namespace parorende::analytics {
namespace {

const std::string kDataDir = std::string(PARORENDE_SOURCE_DIR) + "/tests/data/";

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

Eigen::MatrixXd read_dataset() {
  std::ifstream in(kDataDir + "psych_alpha_dataset.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::vector<double> row;
    for (const std::string& field : split_csv_line(line)) {
      row.push_back(field.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(field));
    }
    rows.push_back(row);
  }
  Eigen::MatrixXd data(static_cast<Eigen::Index>(rows.size()), 6);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < 6; ++c) {
      data(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r].at(c);
    }
  }
  return data;
}

// "quantity/item" -> value.
std::map<std::string, double> read_expected() {
  std::ifstream in(kDataDir + "psych_alpha_expected.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::string, double> expected;
  while (std::getline(in, line)) {
    auto fields = split_csv_line(line);
    expected[fields.at(0) + "/" + fields.at(1)] = std::stod(fields.at(2));
  }
  return expected;
}

class AnalyticsPsychometrics : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = read_dataset();
    expected_ = read_expected();
    ASSERT_EQ(data_.rows(), 240);
    ASSERT_TRUE(data_.hasNaN()) << "the dataset must have missing answers";
  }
  double expected(const std::string& quantity, const std::string& item = "") {
    auto found = expected_.find(quantity + "/" + item);
    EXPECT_NE(found, expected_.end()) << quantity << "/" << item;
    return found == expected_.end() ? 0 : found->second;
  }
  Eigen::MatrixXd data_;
  std::map<std::string, double> expected_;
};

// Closed-form figures: psych's formulas on the same pairwise matrices, so
// agreement to rounding.
constexpr double kClosedForm = 1e-12;

TEST_F(AnalyticsPsychometrics, WholeScaleMatchesPsych) {
  ScaleReliability reliability = analyze_reliability(data_);
  EXPECT_EQ(reliability.respondents, static_cast<std::int64_t>(expected("respondents")));
  EXPECT_NEAR(reliability.alpha, expected("raw_alpha"), kClosedForm);
  EXPECT_NEAR(reliability.std_alpha, expected("std_alpha"), kClosedForm);
  EXPECT_NEAR(reliability.alpha_se, expected("ase"), kClosedForm);
  EXPECT_NEAR(reliability.average_r, expected("average_r"), kClosedForm);
  ASSERT_EQ(reliability.eigenvalues.size(), 6);
  for (int k = 0; k < 6; ++k) {
    EXPECT_NEAR(reliability.eigenvalues[k], expected("eigenvalue", std::to_string(k + 1)),
                kClosedForm);
  }
}

TEST_F(AnalyticsPsychometrics, ItemStatisticsMatchPsych) {
  ScaleReliability reliability = analyze_reliability(data_);
  ASSERT_EQ(reliability.items.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    std::string name = "i" + std::to_string(i + 1);
    SCOPED_TRACE(name);
    const ItemReliability& item = reliability.items[static_cast<std::size_t>(i)];
    EXPECT_EQ(item.n, static_cast<std::int64_t>(expected("n", name)));
    EXPECT_NEAR(item.mean, expected("mean", name), kClosedForm);
    EXPECT_NEAR(item.sd, expected("sd", name), kClosedForm);
    EXPECT_NEAR(item.r_drop, expected("r_drop", name), kClosedForm);
    EXPECT_NEAR(item.alpha_if_deleted, expected("alpha_if_deleted", name), kClosedForm);
    EXPECT_NEAR(item.std_alpha_if_deleted, expected("std_alpha_if_deleted", name), kClosedForm);
    EXPECT_NEAR(item.alpha_se_if_deleted, expected("alpha_se_if_deleted", name), kClosedForm);
  }
}

TEST_F(AnalyticsPsychometrics, OmegaTotalMatchesPsych) {
  // psych finds the minres factor with optim() (L-BFGS-B, default
  // tolerance); analytics iterates to the exact fixed point, so the two
  // agree to the optimizer's tolerance rather than to rounding.
  ScaleReliability reliability = analyze_reliability(data_);
  EXPECT_NEAR(reliability.omega_total, expected("omega_total"), 1e-8);
}

TEST_F(AnalyticsPsychometrics, SinglePrecisionItemsGiveTheSameFigures) {
  // WaveData keeps items as float; 1-5 codes are exact there.
  Eigen::MatrixXf single = data_.cast<float>();
  ScaleReliability from_float = analyze_reliability(single);
  ScaleReliability from_double = analyze_reliability(data_);
  EXPECT_DOUBLE_EQ(from_float.alpha, from_double.alpha);
  EXPECT_DOUBLE_EQ(from_float.alpha_se, from_double.alpha_se);
  EXPECT_DOUBLE_EQ(from_float.omega_total, from_double.omega_total);
  EXPECT_DOUBLE_EQ(from_float.items[2].r_drop, from_double.items[2].r_drop);
}

TEST_F(AnalyticsPsychometrics, RowsWithoutAnswersChangeNothing) {
  Eigen::MatrixXd padded(data_.rows() + 3, data_.cols());
  padded << data_,
      Eigen::MatrixXd::Constant(3, data_.cols(), std::numeric_limits<double>::quiet_NaN());
  ScaleReliability with_empty = analyze_reliability(padded);
  ScaleReliability plain = analyze_reliability(data_);
  EXPECT_EQ(with_empty.respondents, plain.respondents);
  EXPECT_DOUBLE_EQ(with_empty.alpha_se, plain.alpha_se);
}

TEST(AnalyticsPsychometricsByHand, PairwiseMomentsOfATinyMatrix) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd items(4, 2);
  items << 1, 2, 2, nan, 3, 5, 4, 4;
  PairwiseMoments moments = pairwise_moments(items);
  // Item 1 alone: 1,2,3,4 -> variance 5/3. With item 2: rows 1,3,4 ->
  // x = 1,3,4 (mean 8/3), y = 2,5,4 (mean 11/3);
  // cov = ((-5/3)(-5/3) + (1/3)(4/3) + (4/3)(1/3)) / 2 = (33/9) / 2 = 11/6.
  EXPECT_EQ(moments.count(0, 0), 4);
  EXPECT_EQ(moments.count(0, 1), 3);
  EXPECT_NEAR(moments.covariance(0, 0), 5.0 / 3, 1e-14);
  EXPECT_NEAR(moments.covariance(0, 1), 11.0 / 6, 1e-14);
  EXPECT_NEAR(moments.covariance(1, 1), 7.0 / 3, 1e-14);
  // cor over the three shared rows: var x = 7/3, var y = 7/3 -> r = 11/14.
  EXPECT_NEAR(moments.correlation(0, 1), 11.0 / 14, 1e-14);
}

TEST(AnalyticsPsychometricsByHand, AlphaOfParallelItems) {
  // Three identical items: alpha 1; an item without variance: undefined.
  Eigen::MatrixXd items(4, 3);
  items << 1, 1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5;
  ScaleReliability reliability = analyze_reliability(items);
  EXPECT_NEAR(reliability.alpha, 1.0, 1e-14);
  EXPECT_NEAR(reliability.std_alpha, 1.0, 1e-14);
  items.col(2).setConstant(3);
  EXPECT_TRUE(std::isnan(analyze_reliability(items).alpha));
}

}  // namespace
}  // namespace parorende::analytics
