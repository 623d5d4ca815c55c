#pragma once

#include "lists/index.hpp"
#include "lists/load.hpp"
#include "lists/names.hpp"
#include "resolve/resolver.hpp"

#include <memory>

namespace duty::resolve {

// A loaded and checked list set with the lookups every command that takes
// --lists needs. The index, names and resolver point into `loaded.set`, so a
// Context is built once, in place, and never moved or copied (hold it by
// unique_ptr); the set is not changed after it is built.
class Context
{
public:
  explicit Context(lists::LoadResult loaded);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const lists::ListSet& set() const { return m_loaded.set; }
  const std::vector<diag::Diagnostic>& diags() const { return m_loaded.diags; }
  const lists::Index& index() const { return m_index; }
  const lists::Names& names() const { return m_names; }
  const Resolver& resolver() const { return m_resolver; }

private:
  lists::LoadResult m_loaded;
  lists::Index m_index;
  lists::Names m_names;
  Resolver m_resolver;
};

} // namespace duty::resolve
