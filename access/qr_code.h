// QR codes as SVG, drawn from libqrencode's modules: the TOTP enrolment
// page shows one (and later the invitation posters).
//
//   auto svg = qr_code_svg(totp_uri(key, "kari", "parorende"));
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

// A square SVG with a 4-module quiet zone, error correction M, black on
// white. "invalid_argument" when the text is too long for a QR code.
Result<std::string> qr_code_svg(std::string_view text);

}  // namespace parorende
