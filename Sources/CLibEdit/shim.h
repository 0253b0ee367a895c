// The parts of libedit's readline emulation that hadr uses. Swift 6 cannot write C
// globals directly, so each setting goes through a small inline function.
#ifndef HADR_CLIBEDIT_SHIM_H
#define HADR_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <editline/readline.h>

static inline void hadr_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void hadr_rl_set_completion(rl_completion_func_t *function) { rl_attempted_completion_function = function; }
static inline void hadr_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void hadr_rl_set_append_character(int c) { rl_completion_append_character = c; }
static inline void hadr_rl_set_word_breaks(const char *breaks) {
    rl_basic_word_break_characters = breaks;
    rl_completer_word_break_characters = (char *)breaks;
}
static inline void hadr_rl_set_catch_signals(int on) { rl_catch_signals = on; }
static inline const char *hadr_rl_line_buffer(void) { return rl_line_buffer; }
static inline int hadr_rl_point(void) { return rl_point; }
static inline void hadr_rl_set_history_max(int n) { stifle_history(n); }

#endif
