// The survey pages from web/: content types, ETag/304, gzip, and no way out.
#include <boost/beast/zlib/inflate_stream.hpp>

#include "server_fixture.h"

namespace parorende::testing {
namespace {

class StaticFilesTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    start();
  }
};

std::string gunzip(const std::string& compressed) {
  namespace zlib = boost::beast::zlib;
  EXPECT_GE(compressed.size(), 18u);
  EXPECT_EQ(compressed.substr(0, 2), "\x1f\x8b");
  zlib::inflate_stream inflater;
  inflater.reset(15);
  std::string out(1 << 20, '\0');
  zlib::z_params params;
  params.next_in = compressed.data() + 10;
  params.avail_in = compressed.size() - 18;
  params.next_out = out.data();
  params.avail_out = out.size();
  boost::beast::error_code error;
  inflater.write(params, zlib::Flush::sync, error);
  out.resize(params.total_out);
  return out;
}

TEST_F(StaticFilesTest, ServesIndexAndFilesWithContentTypes) {
  HttpReply index = call("GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.body, read_text(web_ / "index.html"));
  EXPECT_EQ(call("GET", "/index.html").body, index.body);
  EXPECT_EQ(call("GET", "/app.js").header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(call("GET", "/css/site.css").header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(call("GET", "/missing.html").status, 404);
  HttpReply head = call("HEAD", "/index.html");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(index.body.size()));
}

TEST_F(StaticFilesTest, EtagGives304) {
  HttpReply first = call("GET", "/app.js");
  std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  HttpReply again = call("GET", "/app.js", "", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(call("GET", "/app.js", "", {"If-None-Match: \"other\""}).status, 200);
  write_text(web_ / "app.js", "console.log('changed');\n");
  HttpReply changed = call("GET", "/app.js", "", {"If-None-Match: " + etag});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), etag);
}

TEST_F(StaticFilesTest, GzipWhenAccepted) {
  HttpReply plain = call("GET", "/index.html");
  HttpReply zipped = call("GET", "/index.html", "", {"Accept-Encoding: br, gzip;q=0.8"});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  EXPECT_EQ(gunzip(zipped.body), plain.body);
  EXPECT_EQ(call("GET", "/index.html", "", {"Accept-Encoding: gzip;q=0"}).header("content-encoding"),
            "");
}

TEST_F(StaticFilesTest, NoEscapeFromTheWebFolder) {
  for (const char* path : {"/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E%2Foutside.txt",
                           "/css/../../outside.txt", "/..%2foutside.txt", "/escape.txt",
                           "/.secret", "/%2esecret", "/css/%00", "/..", "/%", "/a\\..\\outside.txt",
                           "//etc/passwd", "/./../outside.txt"}) {
    TestClient connection = client();
    ASSERT_TRUE(connection.send_raw(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto reply = connection.read_reply();
    ASSERT_TRUE(reply) << path;
    EXPECT_TRUE(reply->status == 404 || reply->status == 400) << path << " -> " << reply->status;
    EXPECT_EQ(reply->body.find("outside the web root"), std::string::npos) << path;
    EXPECT_EQ(reply->body.find("hidden"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace parorende::testing
