#include "resolve/context.hpp"

namespace duty::resolve {

Context::Context(lists::LoadResult loaded)
  : m_loaded(std::move(loaded)), m_index(m_loaded.set), m_names(m_loaded.set), m_resolver(m_loaded.set, m_index)
{
}

} // namespace duty::resolve
