#pragma once

// Exact arithmetic for rates and scores: fractions of integer counts and the
// profile's exact decimal settings (GMP rationals), rounded half away from
// zero only when shown.
#include "lists/model.hpp"

#include <gmpxx.h>
#include <string>

namespace duty::rates {

using Fraction = mpq_class;

Fraction
fraction(const lists::Ratio& r);

// round(q × 10^digits), half away from zero.
mpz_class
round_scaled(const Fraction& q, int digits);

// A scaled integer as a decimal with `digits` places: 9853, 2 → "98.53";
// `plus` writes a leading "+" on positive values (changes).
std::string
scaled_text(const mpz_class& n, int digits, bool plus = false);

// round(q, digits) as text: 0.98529…, 4 → "0.9853".
std::string
round_text(const Fraction& q, int digits);

} // namespace duty::rates
