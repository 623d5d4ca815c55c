#pragma once

// A sheet read on a second thread, a few hundred rows ahead of the caller,
// so that parsing the sheet's XML overlaps with what the caller does with
// each row (typing values, storing them). Memory stays bounded: at most
// `batches` batches of `batch` rows wait.
#include "xlsx/book.hpp"

#include <memory>

namespace duty::xlsx {

std::unique_ptr<Sheet> read_ahead(std::unique_ptr<Sheet> sheet, size_t batch = 64, size_t batches = 4);

} // namespace duty::xlsx
