#include "rates/exact.hpp"

namespace duty::rates {

namespace {

mpz_class
pow10(int digits)
{
  mpz_class p = 1;
  for (int i = 0; i < digits; ++i)
    p *= 10;
  return p;
}

} // namespace

Fraction
fraction(const lists::Ratio& r)
{
  Fraction f(mpz_class(static_cast<long>(r.num)), mpz_class(static_cast<long>(r.den)));
  f.canonicalize();
  return f;
}

mpz_class
round_scaled(const Fraction& q, int digits)
{
  // floor((2·|num|·10^d + den) / (2·den)), then the sign back.
  mpz_class num = abs(q.get_num()) * pow10(digits) * 2 + q.get_den();
  mpz_class den = q.get_den() * 2;
  mpz_class n;
  mpz_fdiv_q(n.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  return sgn(q) < 0 ? mpz_class(-n) : n;
}

std::string
scaled_text(const mpz_class& n, int digits, bool plus)
{
  std::string s = mpz_class(abs(n)).get_str();
  if (digits > 0) {
    if (s.size() <= size_t(digits))
      s.insert(0, size_t(digits) + 1 - s.size(), '0');
    s.insert(s.size() - size_t(digits), 1, '.');
  }
  if (sgn(n) < 0)
    s.insert(0, 1, '-');
  else if (plus && sgn(n) > 0)
    s.insert(0, 1, '+');
  return s;
}

std::string
round_text(const Fraction& q, int digits)
{
  return scaled_text(round_scaled(q, digits), digits);
}

} // namespace duty::rates
