#include "CNumberFormat.h"

#include <stdio.h>

int hadr_format_double(char *buffer, size_t size, char conversion, int precision, double x) {
    return conversion == 'e' ? snprintf(buffer, size, "%.*e", precision, x) : snprintf(buffer, size, "%.*g", precision, x);
}
