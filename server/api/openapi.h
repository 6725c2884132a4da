// The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json.
#pragma once

#include <string_view>

namespace parorende::server {

// Kept beside the routes: tests/integration checks that it names exactly
// the routes the server answers.
std::string_view openapi_document();

}  // namespace parorende::server
