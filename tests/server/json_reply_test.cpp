// The one error shape of the API, and what a client may read of a failure
// of the store.
#include "server/http/json_reply.h"

#include <gtest/gtest.h>

namespace parorende::server {
namespace {

TEST(JsonReply, AnErrorCarriesItsCodeMessageAndStatus) {
  HttpResponse response = error_response("wave_not_found", "no wave is called \"spring\"");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_NE(response.body().find(R"("code":"wave_not_found")"), std::string::npos);
  EXPECT_NE(response.body().find(R"(no wave is called \"spring\")"), std::string::npos);
  EXPECT_EQ(response[http::field::cache_control], "no-store");
}

TEST(JsonReply, AStorageFailureTellsTheClientOnlyToTryAgain) {
  ::testing::internal::CaptureStderr();
  HttpResponse response = error_response(
      "storage_failure", "ERROR: duplicate key value violates unique constraint \"accounts_pkey\"");
  std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  EXPECT_NE(response.body().find(R"("code":"storage_failure")"), std::string::npos);
  EXPECT_NE(response.body().find(kStorageFailed), std::string::npos);
  EXPECT_EQ(response.body().find("accounts_pkey"), std::string::npos);
  EXPECT_NE(logged.find("accounts_pkey"), std::string::npos) << "the operator reads it";
}

TEST(JsonReply, ABugsWordsStayOnTheServer) {
  ::testing::internal::CaptureStderr();
  HttpResponse response = error_response("internal_error", "std::out_of_range: vector::at");
  std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(response.result(), http::status::internal_server_error);
  EXPECT_NE(response.body().find(R"("message":"internal error")"), std::string::npos);
  EXPECT_EQ(response.body().find("out_of_range"), std::string::npos);
  EXPECT_NE(logged.find("out_of_range"), std::string::npos);
}

}  // namespace
}  // namespace parorende::server
