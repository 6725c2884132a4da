// Fuzz target: bytes as they arrive on one connection -> what a session
// does with them, without a socket: RequestReader (Beast's parser with the
// server's header, body and chunk-framing limits, the Host and
// Transfer-Encoding checks, the refusals) -> Application::handle (limits,
// router, API handlers, static files) on a real SQLite store in a temporary
// folder -> the answer serialized as for the wire. Pipelined requests in
// one input are answered in turn, as on a keep-alive connection.
//
// The store is made once (LLVMFuzzerInitialize): tests/data/http/survey.json
// and the shipped belastningskartlegging published, waves open, closed,
// future and for Oslo only, the demo offers, a small web folder. The limits
// are the server's, made smaller so that inputs of a few KiB reach them.
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "reference/offer_catalogue.h"
#include "server/api/application.h"
#include "server/api/store_workers.h"
#include "server/http/json_reply.h"
#include "server/http/request_reader.h"
#include "server/http/response_writer.h"
#include "store/response_store.h"

namespace {

using namespace parorende;
using namespace parorende::server;
namespace beast = boost::beast;
namespace net = boost::asio;

constexpr int kMaxRequestsPerInput = 8;

// The client's side of the connection: the input, then the end of the
// stream (the client half-closed).
class InputStream {
 public:
  explicit InputStream(std::string_view input) : input_(input) {}

  template <class Buffers>
  std::size_t read_some(const Buffers& buffers, beast::error_code& error) {
    if (input_.empty()) {
      error = net::error::eof;
      return 0;
    }
    std::size_t copied = net::buffer_copy(buffers, net::buffer(input_.data(), input_.size()));
    input_.remove_prefix(copied);
    error = {};
    return copied;
  }

  template <class Buffers>
  std::size_t read_some(const Buffers& buffers) {
    beast::error_code error;
    std::size_t copied = read_some(buffers, error);
    if (error) throw beast::system_error(error);
    return copied;
  }

 private:
  std::string_view input_;
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <class Value>
void check(const Result<Value>& done, const char* what) {
  if (done) return;
  std::fprintf(stderr, "server_request_fuzzer: %s: %s\n", what, done.error().describe().c_str());
  std::abort();
}

struct World {
  std::filesystem::path folder;
  ServerOptions options;
  std::unique_ptr<ResponseStore> store;
  std::unique_ptr<StoreWorkers> workers;
  std::unique_ptr<Application> application;

  ~World() {
    application.reset();
    workers.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }
};

World* world = nullptr;

void make_world() {
  static World made;
  const std::filesystem::path source = PARORENDE_SOURCE_DIR;
  std::string pattern = (std::filesystem::temp_directory_path() / "parorende-fuzz-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  made.folder = pattern;

  StoreOptions store_options;
  store_options.path = (made.folder / "responses.db").string();
  store_options.synchronous = StoreOptions::Synchronous::normal;
  auto store = ResponseStore::open(store_options);
  check(store, "open the store");
  made.store = std::move(store).value();
  check(made.store->publish_questionnaire(read_text(source / "tests/data/http/survey.json")),
        "publish survey.json");
  check(made.store->publish_questionnaire(
            read_text(source / "questionnaires/belastningskartlegging.json")),
        "publish belastningskartlegging.json");
  for (const WaveSpec& spec : {
           WaveSpec{"open", "http_survey", std::nullopt, {2000, 1, 1}, {2999, 12, 31}, {}},
           WaveSpec{"closed", "http_survey", std::nullopt, {2000, 1, 1}, {2000, 12, 31}, {}},
           WaveSpec{"future", "http_survey", std::nullopt, {2999, 1, 1}, {2999, 12, 31}, {}},
           WaveSpec{
               "oslo_only", "http_survey", std::nullopt, {2000, 1, 1}, {2999, 12, 31}, {"0301"}},
           WaveSpec{
               "strain", "belastningskartlegging", std::nullopt, {2000, 1, 1}, {2999, 12, 31}, {}},
       }) {
    check(made.store->create_wave(spec), "create a wave");
  }
  auto offers = parse_offers_csv(read_text(source / "data/demo-offers.csv"));
  check(offers, "read the demo offers");
  check(made.store->replace_offers(offers.value()), "store the demo offers");

  std::filesystem::path web = made.folder / "web";
  std::filesystem::create_directories(web / "css");
  std::ofstream(web / "index.html") << "<!doctype html><title>Fuzz</title>\n";
  std::ofstream(web / "css" / "site.css") << "body { margin: 0; }\n";
  std::ofstream(web / ".secret") << "hidden\n";

  ServerOptions& options = made.options;
  options.header_limit = 1024;
  options.body_limit = 4096;
  options.store_workers = 4;
  options.web_root = web;
  options.write_limit = {0, 1};  // off: every input is the first of its client
  options.code_attempt_limit = {0, 1};
  options.computation_limit = {0, 1};
  options.metrics_token = "fuzz-token";
  options.access_log = std::fopen("/dev/null", "w");
  made.workers = std::make_unique<StoreWorkers>(options.store_workers);
  made.application = std::make_unique<Application>(options, *made.store, *made.workers);
  world = &made;
}

OutgoingResponse answer(const HttpRequest& request) {
  auto promise = std::make_shared<std::promise<OutgoingResponse>>();
  std::future<OutgoingResponse> answered = promise->get_future();
  world->application->handle(request, ClientKey{1}, [promise](OutgoingResponse response) mutable {
    promise->set_value(std::move(response));
  });
  return answered.get();
}

// The bytes a session would write: the head, then the body where it is.
void write_out(const OutgoingResponse& outgoing, const HttpRequest& request, std::string& wire) {
  WireOptions options{request.version() == 10 ? 10u : 11u, request.keep_alive(),
                      request.method() == http::verb::head};
  serialize_head(outgoing.response, outgoing.body().size(), options, wire);
  if (body_is_sent(outgoing.response, options)) wire += outgoing.body();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  make_world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const HttpOptions& options = world->options;
  InputStream stream(std::string_view(reinterpret_cast<const char*>(data), size));
  beast::flat_buffer buffer(read_buffer_size(options));
  std::string wire;
  for (int served = 0; served < kMaxRequestsPerInput; ++served) {
    RequestReader reader(options);
    beast::error_code error;
    std::size_t header_bytes = http::read_header(stream, buffer, reader.parser(), error);
    std::optional<Refusal> refusal;
    if (error) {
      refusal = refusal_for_read_error(error, options);
      if (!refusal) return 0;
    } else {
      refusal = reader.header_read(header_bytes);
    }
    if (!refusal && !reader.parser().is_done()) {
      http::read(stream, buffer, reader.parser(), error);
      if (error && !(refusal = refusal_for_read_error(error, options))) return 0;
    }
    if (refusal) {
      write_out(error_response(refusal->code, refusal->message), {}, wire);
      return 0;
    }
    HttpRequest request = reader.parser().release();
    OutgoingResponse response = answer(request);
    write_out(response, request, wire);
    world->application->record({0, request.method(), response.response.result_int(),
                                std::chrono::nanoseconds(1), request.body().size(), wire.size()});
    if (!request.keep_alive()) return 0;
  }
  return 0;
}
