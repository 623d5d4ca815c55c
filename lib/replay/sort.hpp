#pragma once

// An external merge sort of records keyed by (key, seq), in bounded memory:
// records are held until the sorter's byte budget is spent, then sorted and
// written to an anonymous temporary file (a run); at the end the runs are
// merged, at most kFanIn at a time. Input that arrives already in order is
// not re-sorted, and input that fits the budget never touches the disk.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duty::replay {

class ExternalSorter
{
public:
  // Runs go to `tmp_dir` ($TMPDIR or /tmp when empty); they are unlinked at
  // once, so nothing is left behind even after a kill.
  ExternalSorter(size_t budget_bytes, std::string tmp_dir = {});
  ~ExternalSorter();
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  // `seq` orders records with the same key; it must grow with each add().
  void add(std::string_view key, uint64_t seq, std::string_view payload);
  // Ends the input; next() then yields every record in (key, seq) order.
  void finish();
  // The next record; the views stay valid until the following call.
  bool next(std::string_view& key, std::string_view& payload);

  uint64_t
  records() const
  {
    return m_records;
  }
  size_t
  runs_written() const
  {
    return m_runs_written;
  }

  static constexpr size_t kFanIn = 32;
  // Each run being merged reads through a buffer of this size.
  static constexpr size_t kReadBuffer = 256 * 1024;

  // The inputs of a merge (defined in sort.cpp), and a record held in memory.
  class Run;
  class Source;
  struct Entry
  {
    uint64_t seq;
    uint32_t off, klen, plen;
  };

private:
  void spill();
  void sort_memory();
  std::unique_ptr<Run> merge_to_run(std::vector<std::unique_ptr<Source>> sources);
  int open_temp();

  size_t m_budget;
  std::string m_tmp_dir;
  std::string m_arena;
  std::vector<Entry> m_entries;
  bool m_sorted = true; // entries arrived in order so far
  std::vector<std::unique_ptr<Run>> m_runs;
  std::vector<std::unique_ptr<Source>> m_heap; // the merge's sources, a min-heap
  std::unique_ptr<Source> m_current;           // the source of the record last returned
  bool m_finished = false;
  uint64_t m_records = 0;
  size_t m_runs_written = 0;
};

} // namespace duty::replay
