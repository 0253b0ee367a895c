#ifndef CNUMBERFORMAT_H
#define CNUMBERFORMAT_H

#include <stddef.h>

/// Writes `x` as printf's `%.<precision>e` (conversion 'e') or `%.<precision>g`
/// (conversion 'g') into `buffer`; returns what snprintf returns. Called from Swift
/// instead of vsnprintf, whose variadic arguments Swift builds through dynamic casts.
int hadr_format_double(char *buffer, size_t size, char conversion, int precision, double x);

#endif
