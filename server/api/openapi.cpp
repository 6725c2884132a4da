#include "server/api/openapi.h"

#include <memory>
#include <string>

#include "server/api/api_routes.h"

namespace parorende::server {
namespace {

constexpr std::string_view kPaths = R"openapi(
{
  "openapi": "3.1.0",
  "info": {
    "title": "parorende survey API",
    "version": "1.0.0",
    "summary": "Caregiver surveys: questionnaires, waves, responses, burden screening.",
    "description": "See docs/api.md. Every error is {\"error\": {\"code\", \"message\", \"details\"}}. Texts come in the language asked with ?lang= (fallback nn -> nb -> en)."
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/api/v1/questionnaires/{id}": {
      "get": {
        "operationId": "getQuestionnaire",
        "summary": "What a caregiver needs to render the survey, in one language",
        "parameters": [
          {"$ref": "#/components/parameters/QuestionnaireId"},
          {"$ref": "#/components/parameters/Lang"},
          {"$ref": "#/components/parameters/Version"}
        ],
        "responses": {
          "200": {"description": "The questionnaire", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionnaireView"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/waves": {
      "get": {
        "operationId": "listOpenWaves",
        "summary": "The waves open today, or with with=results every wave that has opened (closed ones too, newest first), with their questionnaire's title and plain name",
        "parameters": [{"$ref": "#/components/parameters/Lang"},
          {"name": "with", "in": "query", "required": false, "schema": {"type": "string", "enum": ["results"]}, "description": "results: every wave that has opened, open or closed, newest first (the dashboard's list)"}],
        "responses": {
          "200": {"description": "Open waves", "content": {"application/json": {"schema": {
            "type": "object", "required": ["waves"],
            "properties": {"waves": {"type": "array", "items": {"$ref": "#/components/schemas/Wave"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/v1/municipalities": {
      "get": {
        "operationId": "listMunicipalities",
        "summary": "Norway's municipalities, or those a wave is open to",
        "parameters": [
          {"name": "wave", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only the municipalities this wave is open to"}
        ],
        "responses": {
          "200": {"description": "Municipalities", "content": {"application/json": {"schema": {
            "type": "object", "required": ["municipalities"],
            "properties": {"municipalities": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}}}}}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/municipalities/{code}/offers": {
      "get": {
        "operationId": "listMunicipalityOffers",
        "summary": "A municipality's offers for caregivers, filtered, texts in one language; and how to reach its caregiver contact",
        "parameters": [
          {"name": "code", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
          {"name": "type", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Comma-separated offer types; any of them (information, conversation_guidance, course, peer_group, respite, practical_help, financial_support, children_as_caregivers, bereaved)"},
          {"name": "target_group", "in": "query", "required": false, "schema": {"enum": ["children_young", "adults", "bereaved"]}},
          {"name": "condition_group", "in": "query", "required": false, "schema": {"enum": ["dementia", "cancer", "mental_health_substance", "developmental_disability", "physical_illness_disability", "frail_elderly", "other"]}, "description": "Offers for this condition group or for every condition"},
          {"name": "q", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Case-insensitive text in the name or description (in the asked language)"},
          {"$ref": "#/components/parameters/Lang"}
        ],
        "responses": {
          "200": {"description": "The matching offers in catalogue order", "content": {"application/json": {"schema": {
            "type": "object", "required": ["municipality", "offers"],
            "properties": {
              "municipality": {"type": "object", "required": ["code", "name", "contact"], "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "contact": {"$ref": "#/components/schemas/MunicipalityContact"}}},
              "offers": {"type": "array", "items": {"$ref": "#/components/schemas/Offer"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/waves/{wave}/responses": {
      "post": {
        "operationId": "submitResponse",
        "summary": "Save a partial response (resume code) or submit a complete one (receipt code)",
        "parameters": [
          {"name": "wave", "in": "path", "required": true, "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/Lang"}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResponseDocument"}}}},
        "responses": {
          "201": {"description": "Stored durably", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/Conflict"},
          "413": {"$ref": "#/components/responses/TooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/responses/resume/{code}": {
      "get": {
        "operationId": "resumeResponse",
        "summary": "The saved answers of a partial response",
        "parameters": [{"$ref": "#/components/parameters/ResumeCode"}],
        "responses": {
          "200": {"description": "The saved response", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResumedResponse"}}}},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/Conflict"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      },
      "put": {
        "operationId": "continueResponse",
        "summary": "Save a resumed response again (partial) or submit it (complete)",
        "parameters": [{"$ref": "#/components/parameters/ResumeCode"}, {"$ref": "#/components/parameters/Lang"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResponseDocument"}}}},
        "responses": {
          "200": {"description": "Stored durably", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "409": {"$ref": "#/components/responses/Conflict"},
          "413": {"$ref": "#/components/responses/TooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/responses/{receipt}": {
      "delete": {
        "operationId": "eraseResponse",
        "summary": "Erase a submitted response for good",
        "parameters": [{"name": "receipt", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The receipt code"}],
        "responses": {
          "204": {"description": "Erased"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/invitations/{code}": {
      "get": {
        "operationId": "getInvitation",
        "summary": "What an invitation code opens, used or not: its wave and municipality",
        "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The invitation code from a letter; case, spaces and dashes do not matter"}],
        "responses": {
          "200": {"description": "The code exists", "content": {"application/json": {"schema": {"type": "object", "required": ["wave", "municipality", "questionnaire", "version", "opens", "closes"], "properties": {
            "wave": {"type": "string"}, "municipality": {"type": "string"}, "questionnaire": {"type": "string"}, "version": {"type": "string"},
            "opens": {"type": "string", "format": "date"}, "closes": {"type": "string", "format": "date"}}}}}},
          "404": {"$ref": "#/components/responses/NotFound"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      }
    },
    "/api/v1/screening/{questionnaire}/score": {
      "post": {
        "operationId": "scoreScreening",
        "summary": "Score a burden screening without storing anything",
        "parameters": [
          {"name": "questionnaire", "in": "path", "required": true, "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/Lang"},
          {"$ref": "#/components/parameters/Version"}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResponseDocument"}}}},
        "responses": {
          "200": {"description": "Scores", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScoreReport"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "413": {"$ref": "#/components/responses/TooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "422": {"$ref": "#/components/responses/Invalid"}
        }
      }
    },
    "/api/v1/waves/{wave}/results": {
      "get": {
        "operationId": "getWaveResults",
        "summary": "A wave's published figures per scale and burden instrument: nation, counties, municipalities (after disclosure control, docs/privacy.md); 403 results_not_public for a round whose results are for staff only",
        "parameters": [
          {"$ref": "#/components/parameters/WaveName"},
          {"$ref": "#/components/parameters/Lang"}
        ],
        "responses": {
          "200": {"description": "Results (shape and example in docs/api.md), with an ETag; Cache-Control no-cache for an open round, public, max-age=300 for a closed one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WaveResults"}}}},
          "304": {"description": "Not modified: If-None-Match named the ETag of the same published figures"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/waves/{wave}/results/{municipality}": {
      "get": {
        "operationId": "getMunicipalityResults",
        "summary": "One municipality's published figures: raw, adjusted and shrunken scores, comparisons, trend, the questions behind each scale and, once the round has closed, their answers, burden shares; 403 results_not_public for a round whose results are for staff only",
        "parameters": [
          {"$ref": "#/components/parameters/WaveName"},
          {"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
          {"$ref": "#/components/parameters/Lang"}
        ],
        "responses": {
          "200": {"description": "Results (shape and example in docs/api.md), with an ETag; Cache-Control no-cache for an open round, public, max-age=300 for a closed one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MunicipalityResults"}}}},
          "304": {"description": "Not modified: If-None-Match named the ETag of the same published figures"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/waves/{wave}/export": {
      "get": {
        "operationId": "exportWave",
        "summary": "One table of the researcher export (after disclosure control) as CSV, JSON, SPSS or Stata, or the codebook; 403 results_not_public for a round whose results are for staff only",
        "parameters": [
          {"$ref": "#/components/parameters/WaveName"},
          {"name": "table", "in": "query", "required": true, "schema": {"enum": ["municipality_scale", "county_scale", "background_scale", "burden_categories", "codebook"]}},
          {"name": "format", "in": "query", "required": false, "schema": {"enum": ["csv", "json", "sav", "dta"], "default": "csv"}, "description": "For table=codebook: json gives JSON, anything else Markdown"}
        ],
        "responses": {
          "200": {"description": "The file (Content-Disposition: attachment)", "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
            "application/x-spss-sav": {"schema": {"type": "string", "format": "binary"}},
            "application/x-stata-dta": {"schema": {"type": "string", "format": "binary"}},
            "text/markdown": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/v1/session": {
      "post": {
        "operationId": "signIn",
        "summary": "Sign in with a local account: sets the __Host-parorende-session cookie and returns the CSRF token",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["username", "password"],
          "properties": {"username": {"type": "string"}, "password": {"type": "string"}, "one_time_code": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "Signed in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}},
          "401": {"$ref": "#/components/responses/SignInFailed"},
          "422": {"$ref": "#/components/responses/Invalid"},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      },
      "get": {
        "operationId": "getSession",
        "summary": "Who is signed in, and the CSRF token for changes",
        "security": [{"session": []}],
        "responses": {
          "200": {"description": "The session", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}
        }
      },
      "delete": {
        "operationId": "signOut",
        "summary": "Sign out of this session",
        "security": [{"session": []}],
        "responses": {
          "200": {"description": "Signed out here; the session came from an OpenID Provider, whose sign-out the browser goes to next",
            "content": {"application/json": {"schema": {"type": "object", "required": ["end_session_url"], "properties": {"end_session_url": {"type": "string"}}}}}},
          "204": {"description": "Signed out"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      }
    },
    "/api/v1/session/providers": {
      "get": {
        "operationId": "listIdentityProviders",
        "summary": "The OpenID Providers staff may sign in through (serve --oidc-config)",
        "responses": {"200": {"description": "The providers", "content": {"application/json": {"schema": {"type": "object", "required": ["providers"],
          "properties": {"providers": {"type": "array", "items": {"type": "object", "required": ["id", "name", "sign_in_url"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "sign_in_url": {"type": "string"}}}}}}}}}}
      }
    },
    "/api/v1/session/providers/{provider}": {
      "get": {
        "operationId": "beginProviderSignIn",
        "summary": "Begins a sign-in through the provider: redirects the browser there (authorization code flow with PKCE, state and nonce) and sets the __Host-parorende-sign-in cookie that binds the sign-in to this browser",
        "parameters": [{"name": "provider", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"302": {"description": "To the provider"}, "303": {"description": "The provider cannot be reached: to /staff.html#sign-in-error=provider_unavailable"},
          "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/session/callback/{provider}": {
      "get": {
        "operationId": "finishProviderSignIn",
        "summary": "The provider's redirect back (its own redirect URI): exchanges the code, checks the id_token, maps its claims to roles, and signs in",
        "parameters": [{"name": "provider", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "code", "in": "query", "schema": {"type": "string"}}, {"name": "state", "in": "query", "required": true, "schema": {"type": "string"}},
          {"name": "error", "in": "query", "schema": {"type": "string"}}, {"name": "iss", "in": "query", "schema": {"type": "string"}}],
        "responses": {"303": {"description": "Signed in: to /staff.html with the session cookie; refused: to /staff.html#sign-in-error=CODE (invalid_query, sign_in_state_invalid, provider_refused, provider_unavailable, id_token_invalid, id_token_unknown_key, second_factor_missing, no_role, sign_in_failed)"},
          "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/sessions": {
      "delete": {
        "operationId": "signOutEverywhere",
        "summary": "Sign out of every session of this account",
        "security": [{"session": []}],
        "responses": {"204": {"description": "Signed out everywhere"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      }
    },
    "/api/v1/session/password": {
      "put": {
        "operationId": "changePassword",
        "summary": "Change the password (the account's other sessions end)",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["current_password", "new_password"],
          "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 12}}}}}},
        "responses": {"204": {"description": "Changed"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/session/totp": {
      "post": {
        "operationId": "beginTotpEnrolment",
        "summary": "A new TOTP key for the account, as text, otpauth URI and QR code (SVG); it counts once confirmed. An account that has a key already must give its password too",
        "security": [{"session": []}],
        "requestBody": {"required": false, "content": {"application/json": {"schema": {
          "type": "object", "properties": {"current_password": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "The key", "content": {"application/json": {"schema": {"type": "object", "required": ["key", "uri", "qr_svg"],
            "properties": {"key": {"type": "string"}, "uri": {"type": "string"}, "qr_svg": {"type": "string"}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}
        }
      },
      "put": {
        "operationId": "confirmTotp",
        "summary": "Confirm the key with a code from the app; the session's second factor is then done",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["one_time_code"], "properties": {"one_time_code": {"type": "string"}}}}}},
        "responses": {"204": {"description": "Confirmed"}, "401": {"$ref": "#/components/responses/SignInFailed"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/password-reset": {
      "post": {
        "operationId": "resetPassword",
        "summary": "Set a password with the one-time code of an administrator's reset link",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["code", "new_password"],
          "properties": {"code": {"type": "string"}, "new_password": {"type": "string", "minLength": 12}}}}}},
        "responses": {"204": {"description": "The password is set"}, "422": {"$ref": "#/components/responses/Invalid"}, "429": {"$ref": "#/components/responses/RateLimited"}}
      }
    },
    "/api/v1/admin/accounts": {
      "get": {
        "operationId": "listAccounts",
        "summary": "Every staff account with its grants, no secrets (national_admin)",
        "security": [{"session": []}],
        "responses": {"200": {"description": "Accounts", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      },
      "post": {
        "operationId": "addAccount",
        "summary": "A new staff account and the one-time code that sets its password (national_admin)",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["username", "display_name", "grants"],
          "properties": {"username": {"type": "string"}, "display_name": {"type": "string"}, "grants": {"type": "array", "items": {"type": "string", "example": "municipality_staff:3407"}}}}}}},
        "responses": {"201": {"description": "Added", "content": {"application/json": {"schema": {"type": "object", "required": ["account", "reset_code", "reset_code_expires_on"]}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/accounts/{username}/grants": {
      "put": {
        "operationId": "setAccountGrants",
        "summary": "Replaces an account's grants (national_admin; not one's own national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "username", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["grants"],
          "properties": {"grants": {"type": "array", "items": {"type": "string"}}}}}}},
        "responses": {"200": {"description": "Changed"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/accounts/{username}/disabled": {
      "put": {
        "operationId": "setAccountDisabled",
        "summary": "Disables (its sessions end) or enables an account (national_admin; not one's own)",
        "security": [{"session": []}],
        "parameters": [{"name": "username", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["disabled"], "properties": {"disabled": {"type": "boolean"}}}}}},
        "responses": {"200": {"description": "Changed"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/accounts/{username}/reset-code": {
      "post": {
        "operationId": "issueResetCode",
        "summary": "A new one-time code that sets the account's password; its sessions end (national_admin; not one's own)",
        "security": [{"session": []}],
        "parameters": [{"name": "username", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"remove_totp": {"type": "boolean"}}}}}},
        "responses": {"200": {"description": "The code", "content": {"application/json": {"schema": {"type": "object", "required": ["reset_code", "reset_code_expires_on"]}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}
      }
    },
    "/api/v1/admin/audit": {
      "get": {
        "operationId": "listAuditEntries",
        "summary": "The audit log, a page at a time (national_admin)",
        "security": [{"session": []}],
        "parameters": [
          {"name": "after", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0}, "description": "Entries numbered after this"},
          {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
          {"name": "actor", "in": "query", "required": false, "schema": {"type": "string"}},
          {"name": "action", "in": "query", "required": false, "schema": {"type": "string"}}
        ],
        "responses": {"200": {"description": "Entries, and next_after for the next page (null: none)", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      }
    },
    "/api/v1/admin/questionnaires": {
      "post": {
        "operationId": "publishQuestionnaire",
        "summary": "Check a questionnaire definition and, unless dry_run=true, publish it (national_admin). A published id and version never change",
        "security": [{"session": []}],
        "parameters": [{"name": "dry_run", "in": "query", "required": false, "schema": {"enum": ["true", "false"]}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "description": "docs/questionnaire-format.md"}}}},
        "responses": {
          "200": {"description": "Checked, not published (dry_run)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionnaireSummary"}}}},
          "201": {"description": "Published (or the same definition was already)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuestionnaireSummary"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "409": {"$ref": "#/components/responses/Conflict"}, "413": {"$ref": "#/components/responses/TooLarge"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
          "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/questionnaires/redcap": {
      "post": {
        "operationId": "convertRedcapDictionary",
        "summary": "A REDCap data dictionary or instrument ZIP turned into a questionnaire definition, with what was left out; nothing is stored (national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Default: the first row's form name"},
                       {"name": "version", "in": "query", "required": false, "schema": {"type": "string", "default": "1.0.0"}},
                       {"name": "language", "in": "query", "required": false, "schema": {"enum": ["nb", "nn", "en"], "default": "nb"}}],
        "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}, "application/zip": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {
          "200": {"description": "The definition and the warnings", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "definition": {"type": "object"},
            "warnings": {"type": "array", "items": {"type": "object", "properties": {"where": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/waves/{wave}/results": {
      "get": {
        "operationId": "getWaveResultsForStaff",
        "summary": "GET /api/v1/waves/{wave}/results for any round, its results public or not (national_admin, researchers granted the round); recorded as results.read",
        "security": [{"session": []}],
        "parameters": [{"$ref": "#/components/parameters/WaveName"}, {"$ref": "#/components/parameters/Lang"}],
        "responses": {
          "200": {"description": "Results (shape and example in docs/api.md)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WaveResults"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}
      }
    },
    "/api/v1/admin/waves/{wave}/export": {
      "get": {
        "operationId": "exportWaveForStaff",
        "summary": "GET /api/v1/waves/{wave}/export for any round, its results public or not (national_admin, researchers granted the round); recorded as results.export",
        "security": [{"session": []}],
        "parameters": [
          {"$ref": "#/components/parameters/WaveName"},
          {"name": "table", "in": "query", "required": true, "schema": {"enum": ["municipality_scale", "county_scale", "background_scale", "burden_categories", "codebook"]}},
          {"name": "format", "in": "query", "required": false, "schema": {"enum": ["csv", "json", "sav", "dta"], "default": "csv"}}],
        "responses": {
          "200": {"description": "The file (Content-Disposition: attachment), as the public export route gives it"},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/waves/{wave}/join": {
      "post": {
        "operationId": "joinRound",
        "summary": "The municipality takes part in a national round: its staff pages offer its open link and invitations (its staff, national_admin); recorded as wave.join",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"$ref": "#/components/parameters/WaveName"}],
        "responses": {
          "200": {"description": "It had joined", "content": {"application/json": {"schema": {"type": "object", "properties": {"wave": {"$ref": "#/components/schemas/Round"}}}}}},
          "201": {"description": "It joined now", "content": {"application/json": {"schema": {"type": "object", "properties": {"wave": {"$ref": "#/components/schemas/Round"}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/waves/{wave}/overview": {
      "get": {
        "operationId": "getWaveResultsForMunicipalityStaff",
        "summary": "GET /api/v1/waves/{wave}/results for a round that covers the municipality, its results public or not (its staff, national_admin); recorded as results.read",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"$ref": "#/components/parameters/WaveName"}, {"$ref": "#/components/parameters/Lang"}],
        "responses": {
          "200": {"description": "Results (shape and example in docs/api.md)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WaveResults"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Invalid"}, "503": {"$ref": "#/components/responses/Unavailable"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/waves/{wave}/results": {
      "get": {
        "operationId": "getMunicipalityResultsForStaff",
        "summary": "GET /api/v1/waves/{wave}/results/{municipality} for a round that covers the municipality, its results public or not (its staff, national_admin); recorded as results.read",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"$ref": "#/components/parameters/WaveName"}, {"$ref": "#/components/parameters/Lang"}],
        "responses": {
          "200": {"description": "Results (shape and example in docs/api.md)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MunicipalityResults"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}
      }
    },
    "/api/v1/admin/waves": {
      "post": {
        "operationId": "createRound",
        "summary": "Open a round: national, or for the municipalities listed (national_admin)",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewRound"}}}},
        "responses": {"201": {"description": "Opened", "content": {"application/json": {"schema": {"type": "object", "properties": {"wave": {"$ref": "#/components/schemas/Round"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/waves": {
      "post": {
        "operationId": "createLocalRound",
        "summary": "Open a round for this municipality alone, e.g. a standing burden screening of new service users' caregivers (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewRound"}}}},
        "responses": {"201": {"description": "Opened", "content": {"application/json": {"schema": {"type": "object", "properties": {"wave": {"$ref": "#/components/schemas/Round"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}": {
      "get": {
        "operationId": "getMunicipalityHome",
        "summary": "A municipality's staff home: its rounds and its offer count (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "responses": {"200": {"description": "The municipality", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/invitations": {
      "get": {
        "operationId": "listInvitationBatches",
        "summary": "The municipality's invitation batches, newest first: issued, and used unless fewer than k (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "responses": {"200": {"description": "The batches", "content": {"application/json": {"schema": {"type": "object", "properties": {"batches": {"type": "array", "items": {"$ref": "#/components/schemas/InvitationBatch"}}, "used_shown_from": {"type": "integer", "description": "k: a used count under it is only \"fewer than k\""}}}}}}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      },
      "post": {
        "operationId": "createInvitationBatch",
        "summary": "Make a batch of one-time invitation codes for a wave; the codes are in this answer only (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["wave", "label", "count"], "properties": {
          "wave": {"type": "string"}, "label": {"type": "string", "minLength": 1, "maxLength": 100}, "count": {"type": "integer", "minimum": 1, "maximum": 2000}}}}}},
        "responses": {
          "201": {"description": "The batch and its codes, each with the path of its link", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "batch": {"$ref": "#/components/schemas/InvitationBatch"},
            "codes": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "path": {"type": "string"}}}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/invitations/{batch}/unused": {
      "get": {
        "operationId": "listUnusedLetters",
        "summary": "The letter numbers of the batch whose codes were not used, for reminders; only in a round that tracks participation (its staff only); recorded as invitations.unused",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"name": "batch", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
          "200": {"description": "The unused letters", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "batch": {"type": "integer"}, "unused": {"type": "array", "items": {"type": "integer"}}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/open-link/{wave}": {
      "get": {
        "operationId": "getOpenLink",
        "summary": "The round's open link for the municipality (serve --public-url), and its QR code as SVG, for posters and web pages (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}, {"$ref": "#/components/parameters/WaveName"}],
        "responses": {"200": {"description": "The link", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "wave": {"type": "string"}, "municipality": {"type": "string"}, "url": {"type": "string"}, "closes": {"type": "string", "format": "date"}, "qr_svg": {"type": "string"}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/contact": {
      "put": {
        "operationId": "setMunicipalityContact",
        "summary": "How caregivers reach the municipality: its caregiver contact, switchboard and web site, shown with screening results and on letters and posters (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MunicipalityContact"}}}},
        "responses": {"200": {"description": "Saved", "content": {"application/json": {"schema": {"type": "object", "properties": {"contact": {"$ref": "#/components/schemas/MunicipalityContact"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/progress": {
      "get": {
        "operationId": "getMunicipalityProgress",
        "summary": "Each round's partial and complete responses in the municipality, complete ones by ISO week, and the response rate against invitations issued; a count under k is null (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "responses": {"200": {"description": "The rounds", "content": {"application/json": {"schema": {"type": "object", "required": ["rounds", "shown_from"], "properties": {
          "shown_from": {"type": "integer", "description": "k"},
          "rounds": {"type": "array", "items": {"type": "object", "properties": {
            "wave": {"type": "string"}, "opens": {"type": "string", "format": "date"}, "closes": {"type": "string", "format": "date"},
            "partial": {"type": ["integer", "null"]}, "complete": {"type": ["integer", "null"]},
            "weeks": {"type": "array", "description": "ISO weeks grouped until each group holds k; together they are complete", "items": {"type": "object", "properties": {"first": {"type": "string", "example": "2026-W11"}, "last": {"type": "string"}, "complete": {"type": "integer"}}}},
            "invitations_issued": {"type": "integer"}, "response_rate": {"type": ["number", "null"]},
            "shown_from": {"type": "integer", "description": "this round's k: the configured k or its questionnaire's higher floor"}}}}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/waves/{wave}/comments": {
      "get": {
        "operationId": "getComments",
        "summary": "The round's free-text comments in the municipality, masked (digits #, e-mail addresses …@…), only where the round shares comments and its consent said so; withheld until the second day after closing and under k (its staff only)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"name": "wave", "in": "path", "required": true, "schema": {"type": "string"}},
                       {"name": "lang", "in": "query", "required": false, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The comments", "content": {"application/json": {"schema": {"type": "object", "required": ["withheld", "comments"], "properties": {
          "wave": {"type": "string"}, "municipality": {"type": "string"}, "language": {"type": "string"},
          "shown_from": {"type": "integer", "description": "k"},
          "withheld": {"enum": [null, "round_open", "fewer_than_k"], "description": "Why no comment is given: not yet the second day after the round closed, or fewer than k complete responses under the sharing consent"},
          "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "question": {"type": "string"}}}},
          "comments": {"type": "array", "items": {"type": "object", "properties": {"item": {"type": "string"}, "text": {"type": "string"}}}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/offers": {
      "get": {
        "operationId": "listOwnOffers",
        "summary": "The municipality's offers with all their texts (JSON), or ?format=csv: the file parorende offers import reads (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"name": "format", "in": "query", "required": false, "schema": {"enum": ["json", "csv"]}}],
        "responses": {"200": {"description": "The catalogue", "content": {
            "application/json": {"schema": {"type": "object", "properties": {"offers": {"type": "array", "items": {"$ref": "#/components/schemas/EditableOffer"}}}}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}}
      },
      "put": {
        "operationId": "replaceOffers",
        "summary": "Replace the whole catalogue with a CSV file's offers, checked as parorende offers import checks them (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}}],
        "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "The new catalogue", "content": {"application/json": {"schema": {"type": "object", "properties": {"offers": {"type": "array", "items": {"$ref": "#/components/schemas/EditableOffer"}}}}}}},
          "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "422": {"$ref": "#/components/responses/Invalid"}}
      }
    },
    "/api/v1/admin/municipalities/{municipality}/offers/{offer}": {
      "put": {
        "operationId": "putOffer",
        "summary": "Add an offer (201) or change it in place (200), checked as parorende offers import checks it (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"name": "offer", "in": "path", "required": true, "schema": {"type": "string", "maxLength": 64}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EditableOffer"}}}},
        "responses": {"200": {"description": "Changed", "content": {"application/json": {"schema": {"type": "object", "properties": {"offer": {"$ref": "#/components/schemas/EditableOffer"}}}}}},
          "201": {"description": "Added", "content": {"application/json": {"schema": {"type": "object", "properties": {"offer": {"$ref": "#/components/schemas/EditableOffer"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"},
          "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "422": {"$ref": "#/components/responses/Invalid"}}
      },
      "delete": {
        "operationId": "removeOffer",
        "summary": "Remove an offer (its staff, national_admin)",
        "security": [{"session": []}],
        "parameters": [{"name": "municipality", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                       {"name": "offer", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"204": {"description": "Removed"}, "401": {"$ref": "#/components/responses/SignInNeeded"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "getOpenApi",
        "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/healthz": {
      "get": {
        "operationId": "health",
        "summary": "Liveness",
        "responses": {"200": {"description": "Serving", "content": {"application/json": {"schema": {
          "type": "object", "properties": {"status": {"const": "ok"}}}}}}}
      }
    },
    "/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus metrics: requests by route and status, latency, writer queue depth, batch sizes",
        "responses": {"200": {"description": "Prometheus text exposition format", "content": {"text/plain": {"schema": {"type": "string"}}}}}
      }
    }
  },
)openapi";

// The document is longer than one string literal may be (64 KiB).
constexpr std::string_view kComponents = R"openapi(
  "components": {
    "parameters": {
      "QuestionnaireId": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}},
      "Lang": {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "examples": ["nb", "nn", "en"]},
               "description": "Language of texts and messages; fallback nn -> nb -> en. For responses, used when the body has no \"language\"."},
      "Version": {"name": "version", "in": "query", "required": false, "schema": {"type": "string"}, "description": "A questionnaire version; default the latest"},
      "WaveName": {"name": "wave", "in": "path", "required": true, "schema": {"type": "string"}},
      "ResumeCode": {"name": "code", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The resume code; case, spaces and dashes do not matter"}
    },
    "schemas": {
      "Session": {"type": "object", "required": ["account", "csrf_token", "second_factor_done"], "properties": {
        "account": {"type": "object", "properties": {"username": {"type": "string"}, "display_name": {"type": "string"},
          "grants": {"type": "array", "items": {"type": "object", "properties": {"role": {"enum": ["national_admin", "municipality_staff", "researcher"]}, "scope": {"type": "string"}, "expires_on": {"type": "string", "format": "date"}}}},
          "disabled": {"type": "boolean"}, "has_password": {"type": "boolean"}, "totp_enrolled": {"type": "boolean"},
          "signs_in_with_provider": {"type": "boolean"}, "created_on": {"type": "string", "format": "date"}}},
        "csrf_token": {"type": "string"}, "second_factor_done": {"type": "boolean"}}},
      "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["code", "message", "details"],
          "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {"type": "object", "required": ["where", "code", "message"],
              "properties": {"where": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}}}
      },
      "LocalizedOption": {"type": "object", "required": ["code", "label"], "properties": {"code": {"type": "integer"}, "label": {"type": "string"}}},
      "ItemView": {
        "type": "object", "required": ["id", "type", "text", "required"],
        "properties": {
          "id": {"type": "string"},
          "type": {"enum": ["single_choice", "multiple_choice", "yes_no", "integer", "decimal", "text", "date", "municipality"]},
          "text": {"type": "string"}, "help": {"type": "string"}, "required": {"type": "boolean"},
          "visible_if": {"type": "string", "description": "Expression, docs/questionnaire-format.md"},
          "options": {"type": "array", "items": {"$ref": "#/components/schemas/LocalizedOption"}},
          "dont_know": {"$ref": "#/components/schemas/LocalizedOption"},
          "min_choices": {"type": "integer"}, "max_choices": {"type": "integer"},
          "min": {"type": ["number", "string"]}, "max": {"type": ["number", "string"]},
          "max_length": {"type": "integer"}, "multiline": {"type": "boolean"},
          "constraints": {"type": "array", "items": {"type": "object", "properties": {"expression": {"type": "string"}, "message": {"type": "string"}}}}
        }
      },
      "QuestionnaireView": {
        "type": "object", "required": ["id", "version", "language", "languages", "title", "sections"],
        "properties": {
          "id": {"type": "string"}, "version": {"type": "string"}, "language": {"type": "string"},
          "languages": {"type": "array", "items": {"type": "string"}},
          "title": {"type": "string"}, "description": {"type": "string"},
          "screening": {"type": "boolean", "description": "true when the questionnaire has burden instruments: POST /api/v1/screening/{questionnaire}/score gives its result"},
          "consent": {"type": "object", "properties": {"version": {"type": "string"}, "text": {"type": "string"}}},
          "sections": {"type": "array", "items": {"type": "object", "required": ["id", "title", "items"],
            "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
              "visible_if": {"type": "string"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/ItemView"}}}}}
        }
      },
      "Wave": {
        "type": "object", "required": ["name", "questionnaire", "version", "opens", "closes", "national", "municipalities"],
        "properties": {
          "name": {"type": "string"}, "questionnaire": {"type": "string"}, "version": {"type": "string"},
          "opens": {"type": "string", "format": "date"}, "closes": {"type": "string", "format": "date"},
          "national": {"type": "boolean"}, "municipalities": {"type": "array", "items": {"type": "string"}},
          "comments_shared": {"type": "boolean", "description": "The municipalities' staff read the round's free-text comments, masked"},
          "results_public": {"type": "boolean", "description": "Anyone reads the round's figures; false: staff only (docs/privacy.md)"},
          "participation_tracked": {"type": "boolean", "description": "Staff see which numbered invitation letters were not answered"},
          "title": {"type": "string", "description": "The questionnaire's title in `language`"},
          "plain_name": {"type": "string", "description": "The round's plain name in `language`: title, municipalities of a local round, period (GET /api/v1/waves)"},
          "open": {"type": "boolean", "description": "Open today (GET /api/v1/waves)"},
          "language": {"type": "string"}
        }
      },
      "Municipality": {
        "type": "object", "required": ["code", "name", "county_code", "county_name", "written_standard"],
        "properties": {"code": {"type": "string", "pattern": "^[0-9]{4}$"}, "name": {"type": "string"},
          "county_code": {"type": "string"}, "county_name": {"type": "string"},
          "written_standard": {"enum": ["nb", "nn", "neutral"]}}
      },
      "Offer": {
        "type": "object",
        "required": ["id", "name", "type", "type_label", "target_groups", "condition_groups", "description", "contact", "address", "demo"],
        "properties": {
          "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"},
          "type_label": {"type": "string"},
          "target_groups": {"type": "array", "items": {"type": "string"}},
          "condition_groups": {"type": "array", "items": {"type": "string"}, "description": "Empty: for every condition group"},
          "description": {"type": "string"},
          "contact": {"type": "object", "properties": {"name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}, "url": {"type": "string"}}},
          "address": {"type": "string"}, "demo": {"type": "boolean"}
        }
      },
      "QuestionnaireSummary": {"type": "object", "properties": {
        "id": {"type": "string"}, "version": {"type": "string"}, "title": {"type": "string"},
        "languages": {"type": "array", "items": {"type": "string"}}, "published": {"type": "boolean"},
        "views": {"type": "object", "description": "A dry run: for each language, what GET /api/v1/questionnaires/{id} will answer once published", "additionalProperties": {"type": "object"}}}},
      "NewRound": {"type": "object", "required": ["name", "questionnaire", "opens", "closes"], "properties": {
        "name": {"type": "string", "description": "Shown to caregivers; 1 to 100 characters"}, "questionnaire": {"type": "string"},
        "version": {"type": "string", "description": "Default: the latest"},
        "opens": {"type": "string", "format": "date"}, "closes": {"type": "string", "format": "date"},
        "municipalities": {"type": "array", "items": {"type": "string"}, "description": "National when absent or empty; ignored for a local round"},
        "comments_shared": {"type": "boolean", "description": "Default false; true only when the questionnaire version's consent has shares_comments"},
        "results_public": {"type": "boolean", "description": "Default: as the consent says; true only when the questionnaire version's consent has publishes_results"},
        "participation_tracked": {"type": "boolean", "description": "Default false; true only when the questionnaire version's consent has tracks_participation"}}},
      "Round": {"type": "object", "properties": {
        "name": {"type": "string"}, "questionnaire": {"type": "string"}, "version": {"type": "string"},
        "opens": {"type": "string", "format": "date"}, "closes": {"type": "string", "format": "date"},
        "national": {"type": "boolean"}, "municipalities": {"type": "array", "items": {"type": "string"}},
        "comments_shared": {"type": "boolean"}, "results_public": {"type": "boolean"}, "participation_tracked": {"type": "boolean"},
        "joined": {"type": "boolean", "description": "On a municipality's home: a local round, or a national one it joined"}}},
      "MunicipalityContact": {"type": "object", "description": "Empty strings: not given", "properties": {
        "contact_name": {"type": "string", "maxLength": 200}, "phone": {"type": "string", "maxLength": 100}, "email": {"type": "string", "maxLength": 200},
        "switchboard": {"type": "string", "maxLength": 100}, "web_site": {"type": "string", "maxLength": 500}}},
      "EditableOffer": {"type": "object", "properties": {
        "id": {"type": "string", "readOnly": true}, "type": {"type": "string"},
        "target_groups": {"type": "array", "items": {"type": "string"}}, "condition_groups": {"type": "array", "items": {"type": "string"}},
        "name": {"type": "object", "description": "Texts by language; nb required", "properties": {"nb": {"type": "string"}, "nn": {"type": "string"}, "en": {"type": "string"}}},
        "description": {"type": "object", "properties": {"nb": {"type": "string"}, "nn": {"type": "string"}, "en": {"type": "string"}}},
        "contact_name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}, "url": {"type": "string"}, "address": {"type": "string"},
        "demo": {"type": "boolean", "readOnly": true}}},
      "InvitationBatch": {"type": "object", "required": ["id", "wave", "municipality", "label", "created_on", "issued", "used", "used_fewer_than"], "properties": {
        "id": {"type": "integer"}, "wave": {"type": "string"}, "municipality": {"type": "string"}, "label": {"type": "string"},
        "created_on": {"type": "string", "format": "date"}, "issued": {"type": "integer"},
        "used": {"type": ["integer", "null"], "description": "Codes used; null unless at least k are used and k unused"},
        "used_fewer_than": {"type": ["integer", "null"], "description": "k, when used is null; else null"},
        "participation_tracked": {"type": "boolean", "description": "The batch's round tracks participation: its codes are numbered letters, and the unused ones can be listed"}}},
      "ResponseDocument": {
        "type": "object", "additionalProperties": false,
        "properties": {
          "status": {"enum": ["partial", "complete"], "default": "complete"},
          "consent_version": {"type": "string"},
          "language": {"type": "string"},
          "municipality": {"type": ["string", "null"], "pattern": "^[0-9]{4}$"},
          "invitation": {"type": "string", "description": "An invitation code (POST only): used by this submission, once; the response gets its municipality"},
          "questionnaire": {"type": "string"}, "version": {"type": "string"},
          "answers": {"type": "object", "additionalProperties": true}
        }
      },
      "Receipt": {
        "type": "object", "required": ["wave", "status"],
        "properties": {
          "wave": {"type": "string"},
          "status": {"enum": ["partial", "complete"]},
          "resume_code": {"type": "string", "description": "When partial: continue later with it"},
          "receipt_code": {"type": "string", "description": "When complete: erase the response with it"}
        }
      },
      "ResumedResponse": {
        "type": "object", "required": ["wave", "questionnaire", "version", "status", "language", "answers"],
        "properties": {
          "wave": {"type": "string"}, "questionnaire": {"type": "string"}, "version": {"type": "string"},
          "status": {"const": "partial"}, "language": {"type": "string"},
          "municipality": {"type": ["string", "null"]}, "consent_version": {"type": "string"},
          "started_on": {"type": "string", "format": "date"},
          "answers": {"type": "object"}
        }
      },
      "Interval": {"type": "array", "items": {"type": ["number", "null"]}, "minItems": 2, "maxItems": 2},
      "Cell": {
        "type": "object", "required": ["n", "suppressed", "suppression"],
        "properties": {
          "n": {"type": ["integer", "null"], "description": "null when withheld"},
          "suppressed": {"type": "boolean"},
          "suppression": {"enum": ["primary", "secondary", null]}
        }
      },
      "Comparison": {
        "type": ["object", "null"],
        "properties": {
          "difference": {"type": "number"}, "se": {"type": ["number", "null"]}, "df": {"type": ["number", "null"]},
          "p": {"type": ["number", "null"]}, "ci": {"$ref": "#/components/schemas/Interval"},
          "verdict": {"enum": ["better", "worse", "no_significant_difference", "not_testable"]}
        }
      },
      "WaveResults": {
        "type": "object",
        "required": ["wave", "questionnaire", "language", "respondents", "min_respondents", "confidence_level", "computed_on", "previous_wave", "scales", "burden"],
        "properties": {
          "wave": {"type": "string"}, "language": {"type": "string"},
          "questionnaire": {"type": "object", "properties": {"id": {"type": "string"}, "version": {"type": "string"}}},
          "respondents": {"type": "integer"}, "min_respondents": {"type": "integer"},
          "confidence_level": {"type": "number"}, "computed_on": {"type": "string", "format": "date"},
          "previous_wave": {"type": ["string", "null"]},
          "scales": {"type": "array", "items": {"type": "object"}},
          "burden": {"type": "array", "items": {"type": "object"}}
        }
      },
      "MunicipalityResults": {
        "type": "object",
        "required": ["wave", "questionnaire", "language", "min_respondents", "municipality", "similar_municipalities", "scales", "burden"],
        "properties": {
          "wave": {"type": "string"}, "language": {"type": "string"},
          "municipality": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "county": {"type": "object"}}},
          "similar_municipalities": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}},
          "scales": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"},
            "versus_national": {"$ref": "#/components/schemas/Comparison"},
            "versus_county": {"$ref": "#/components/schemas/Comparison"},
            "versus_similar": {"$ref": "#/components/schemas/Comparison"},
            "trend": {"type": ["object", "null"]},
            "answers_per_question": {"enum": ["published", "round_open", "not_kept"]},
            "questions": {"type": "array", "description": "the items behind the scale, in its order; with answers_per_question published, how those who answered every question of the area answered each (docs/privacy.md)", "items": {"type": "object", "properties": {
              "id": {"type": "string"}, "text": {"type": "string"}, "n": {"type": ["integer", "null"]},
              "suppressed": {"type": "boolean"}, "suppression": {"type": ["string", "null"]},
              "national": {"type": "object"},
              "options": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "integer"}, "label": {"type": "string"}, "count": {"type": "integer"},
                "share": {"type": "number"}, "national_share": {"type": "number"}}}}}}}}}},
          "burden": {"type": "array", "items": {"type": "object"}}
        }
      },
      "ScoreReport": {
        "type": "object", "required": ["questionnaire", "version", "language", "scales", "burden"],
        "properties": {
          "questionnaire": {"type": "string"}, "version": {"type": "string"}, "language": {"type": "string"},
          "scales": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "score": {"type": ["number", "null"]},
            "items_answered": {"type": "integer"}, "items_total": {"type": "integer"}}}},
          "burden": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "max_sum": {"type": "integer"},
            "offer_target_group": {"type": "string", "description": "whose offers the result suggests: adults, children_young or bereaved"},
            "sum": {"type": ["integer", "null"]},
            "category": {"type": ["object", "null"], "properties": {
              "id": {"type": "string"}, "label": {"type": "string"}, "meaning": {"type": "string"}, "follow_up": {"type": "string"}}},
            "items_answered": {"type": "integer"}, "items_total": {"type": "integer"}}}}
        }
      }
    },
    "responses": {
      "BadRequest": {"description": "Malformed JSON or query", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such questionnaire, wave, code, account, provider or route", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Conflict": {"description": "A conflict with what is stored: a closed wave, an account that exists, a change to one's own account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooLarge": {"description": "Body over the limit (default 256 KiB)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "UnsupportedMediaType": {"description": "Body not sent as application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Invalid": {"description": "Every validation problem, each with the item id and a message in the response's language", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "RateLimited": {"description": "Too many attempts from this client", "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "The store cannot write now", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "SignInFailed": {"description": "The username, password or one-time code is wrong (one message for all)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "SignInNeeded": {"description": "No session, or it has ended", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "The account lacks the role, or a change came without the X-CSRF-Token header", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "__Host-parorende-session",
                  "description": "Set by POST /api/v1/session. Changes also send X-CSRF-Token with the session's csrf_token."}
    }
  }
}
)openapi";

}  // namespace

std::string_view openapi_document() {
  static const std::string document = std::string(kPaths) + std::string(kComponents);
  return document;
}

void add_openapi_route(Router& router) {
  auto document = std::make_shared<HttpResponse>(http::status::ok, 11);
  document->set(http::field::content_type, "application/json");
  document->body() = std::string(openapi_document());
  router.add({http::verb::get, "/api/v1/openapi.json", RateClass::none,
              [document](const Exchange&, Reply reply) { reply(*document); }});
}

}  // namespace parorende::server
