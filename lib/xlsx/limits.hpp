#pragma once

#include <cstddef>
#include <cstdint>

namespace duty::xlsx {

// What a workbook may cost before we call it hostile. The defaults let a
// sheet with Excel's million rows through and stop zip bombs and runaway
// XML within seconds, in bounded memory.
struct Limits
{
  uint64_t max_part_bytes = uint64_t(4) << 30; // one part (sheet, strings, styles), inflated
  uint64_t ratio_floor = uint64_t(8) << 20;    // parts below this are not ratio-checked
  uint32_t max_ratio = 200;                    // inflated : compressed, for larger parts
  uint64_t max_entries = 100000;               // files in the zip
  size_t max_cell_bytes = size_t(1) << 20;     // Excel holds 32767 characters per cell
  size_t max_row_bytes = size_t(64) << 20;
  // .xls: cells the sheets may claim in all (FreeXL allocates them at open,
  // 16 bytes each); one full sheet is 65536 × 256.
  uint64_t max_xls_cells = uint64_t(1) << 25;
  // XML entity amplification (expat's billion-laughs guard); DTDs are refused anyway.
  float max_amplification = 10.0f;
  uint64_t amplification_threshold = uint64_t(1) << 20;
};

} // namespace duty::xlsx
