// The survey pages from web/: content types, ETag/304, gzip, and no way out.
#include <zlib.h>

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

// The whole gzip member, header, CRC-32 and length checked, by zlib.
std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
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
  EXPECT_EQ(
      call("GET", "/index.html", "", {"Accept-Encoding: gzip;q=0"}).header("content-encoding"), "");
}

TEST_F(StaticFilesTest, NoEscapeFromTheWebFolder) {
  for (const char* path :
       {"/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E%2Foutside.txt", "/css/../../outside.txt",
        "/..%2foutside.txt", "/escape.txt", "/.secret", "/%2esecret", "/css/%00", "/..", "/%",
        "/a\\..\\outside.txt", "//etc/passwd", "/./../outside.txt"}) {
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
