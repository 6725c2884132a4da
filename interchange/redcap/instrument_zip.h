// An instrument ZIP, as REDCap's Shared Library and its "Download
// instrument ZIP" give it: instrument.csv (a data dictionary of one form,
// without a record ID), and perhaps OriginID.txt and attachments. Read with
// libzip; only instrument.csv is taken out, and no more of it than a
// dictionary may hold, so a ZIP bomb stays a clear error.
//
//   if (is_zip(bytes)) {
//     auto csv = instrument_csv_from_zip(bytes);   // "invalid_dictionary" if none
//     options.no_record_id = true;
//   }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende::redcap {

// The largest instrument.csv read (a dictionary file's limit).
inline constexpr std::size_t kMaxInstrumentBytes = 16 * 1024 * 1024;

// Starts as a ZIP archive does ("PK\3\4").
bool is_zip(std::string_view bytes);

// The text of the archive's instrument.csv (at any depth, any case).
// Fails (code "invalid_dictionary") when the bytes are no readable ZIP,
// hold no instrument.csv, or it is larger than kMaxInstrumentBytes.
Result<std::string> instrument_csv_from_zip(std::string_view bytes);

}  // namespace parorende::redcap
