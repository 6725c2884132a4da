#include "server/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "server/api/application.h"
#include "server/api/store_workers.h"
#include "server/http/connection_registry.h"
#include "server/http/listener.h"
#include "server/http/session.h"

namespace parorende::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using WorkGuard = net::executor_work_guard<net::io_context::executor_type>;

// One io_context per I/O thread: a connection lives on one thread, so its
// handlers never race and need no strand.
class Server::State {
 public:
  State(const ServerOptions& options, ResponseStore& store)
      : options_(options),
        workers_(std::make_unique<StoreWorkers>(options_.store_workers)),
        application_(options_, store, *workers_) {
    unsigned threads = options_.threads != 0 ? options_.threads
                                             : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) {
      contexts_.push_back(std::make_unique<net::io_context>(1));
      guards_.emplace_back(contexts_.back()->get_executor());
    }
    deadline_ = std::make_unique<net::steady_timer>(*contexts_.front());
  }

  // A store worker may still be dropping the last reference to a session:
  // join them while the I/O contexts and the application still exist.
  ~State() { workers_.reset(); }

  Status listen() {
    beast::error_code error;
    auto address = net::ip::make_address(options_.address, error);
    if (error) {
      return make_error("listen_failed", "not an IP address: " + options_.address);
    }
    std::vector<net::io_context*> session_contexts;
    for (auto& context : contexts_) session_contexts.push_back(context.get());
    auto listener = Listener::open(*contexts_.front(), session_contexts,
                                   tcp::endpoint(address, options_.port), application_, registry_);
    if (!listener) return listener.take_error();
    listener_ = std::move(listener.value());
    listener_->start();
    for (auto& context : contexts_) {
      threads_.emplace_back([&io = *context] { io.run(); });
    }
    return {};
  }

  std::uint16_t port() const { return listener_->port(); }

  std::vector<std::pair<std::string, std::string>> routes() const {
    std::vector<std::pair<std::string, std::string>> routes;
    for (const Route& route : application_.router().routes()) {
      routes.emplace_back(std::string(http::to_string(route.method)), route.pattern);
    }
    return routes;
  }

  void request_stop() {
    std::call_once(stop_once_, [this] {
      net::post(*contexts_.front(), [this] {
        deadline_->expires_after(options_.timeouts.shutdown);
        deadline_->async_wait([this](beast::error_code error) {
          if (!error) registry_.for_each([](const auto& session) { session->abort(); });
        });
      });
      // Once the backlog's connections have sessions, every session is
      // told to stop; the I/O threads end when the last one has closed.
      listener_->stop([this] {
        registry_.begin_stop([this] { release_threads(); });
        registry_.for_each([](const auto& session) { session->stop(); });
      });
    });
  }

  void wait() {
    std::call_once(wait_once_, [this] {
      for (std::thread& thread : threads_) thread.join();
    });
  }

 private:
  // The last connection has closed: let each I/O thread return once it
  // has nothing left to do.
  void release_threads() {
    net::post(*contexts_.front(), [this] {
      deadline_->cancel();
      for (WorkGuard& guard : guards_) guard.reset();
    });
  }

  ServerOptions options_;
  std::unique_ptr<StoreWorkers> workers_;
  Application application_;
  ConnectionRegistry registry_;
  std::vector<std::unique_ptr<net::io_context>> contexts_;
  std::vector<WorkGuard> guards_;
  std::unique_ptr<net::steady_timer> deadline_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> threads_;
  std::once_flag stop_once_;
  std::once_flag wait_once_;
};

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options, ResponseStore& store) {
  auto state = std::make_unique<State>(options, store);
  if (auto listening = state->listen(); !listening) return listening.take_error();
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() {
  request_stop();
  wait();
}

std::uint16_t Server::port() const { return state_->port(); }

std::vector<std::pair<std::string, std::string>> Server::routes() const { return state_->routes(); }

void Server::request_stop() { state_->request_stop(); }

void Server::wait() { state_->wait(); }

}  // namespace parorende::server
