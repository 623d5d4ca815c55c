#pragma once

#include <string>

namespace duty::lists {

// A JSON Schema (draft 2020-12) for list files, generated from the schema
// table the validator uses (schema.cpp, vocab.cpp): each kind's fields with
// their shapes, required fields and vocabularies. Editors that speak
// yaml-language-server validate and complete list files with it. It checks
// shapes only; references across files are duty validate's.
std::string
json_schema();

} // namespace duty::lists
