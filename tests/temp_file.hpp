#pragma once

// A file with given bytes in a fresh temporary directory, removed with it.
#include <filesystem>
#include <fstream>
#include <stdlib.h>
#include <string>

namespace duty::test {

struct TempFile
{
  std::string path;
  TempFile(const std::string& name, const std::string& bytes)
  {
    std::string dir = std::filesystem::temp_directory_path() / "duty-test-XXXXXX";
    path = std::string(::mkdtemp(dir.data())) + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::filesystem::remove_all(std::filesystem::path(path).parent_path()); }
};

} // namespace duty::test
