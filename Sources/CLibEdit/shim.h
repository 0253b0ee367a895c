// The parts of libedit's readline emulation that hadr uses. libedit is opened with
// dlopen the first time the REPL starts, not linked: a script or `-e` never pays for
// loading it and the libraries it needs. Swift 6 cannot write C globals directly, so
// each setting goes through a small inline function.
#ifndef HADR_CLIBEDIT_SHIM_H
#define HADR_CLIBEDIT_SHIM_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <editline/readline.h>

/// The opened libedit, or NULL when it cannot be found.
static inline void *hadr_libedit(void) {
    static void *handle;
    static int tried;
    if (!tried) {
        tried = 1;
        handle = dlopen("libedit.so.2", RTLD_NOW | RTLD_GLOBAL);
        if (!handle) handle = dlopen("libedit.so", RTLD_NOW | RTLD_GLOBAL);
    }
    return handle;
}

static inline void *hadr_rl_symbol(const char *name) {
    void *handle = hadr_libedit();
    return handle ? dlsym(handle, name) : NULL;
}

/// Whether libedit could be opened (else the REPL reads plain lines).
static inline int hadr_rl_available(void) { return hadr_libedit() != NULL; }

static inline void hadr_rl_set_name(const char *name) {
    const char **p = (const char **)hadr_rl_symbol("rl_readline_name");
    if (p) *p = name;
}
static inline void hadr_rl_set_completion(rl_completion_func_t *function) {
    rl_completion_func_t **p = (rl_completion_func_t **)hadr_rl_symbol("rl_attempted_completion_function");
    if (p) *p = function;
}
static inline void hadr_rl_set_completion_over(int over) {
    int *p = (int *)hadr_rl_symbol("rl_attempted_completion_over");
    if (p) *p = over;
}
static inline void hadr_rl_set_append_character(int c) {
    int *p = (int *)hadr_rl_symbol("rl_completion_append_character");
    if (p) *p = c;
}
static inline void hadr_rl_set_word_breaks(const char *breaks) {
    const char **basic = (const char **)hadr_rl_symbol("rl_basic_word_break_characters");
    char **completer = (char **)hadr_rl_symbol("rl_completer_word_break_characters");
    if (basic) *basic = breaks;
    if (completer) *completer = (char *)breaks;
}
static inline void hadr_rl_set_catch_signals(int on) {
    int *p = (int *)hadr_rl_symbol("rl_catch_signals");
    if (p) *p = on;
}
static inline const char *hadr_rl_line_buffer(void) {
    char **p = (char **)hadr_rl_symbol("rl_line_buffer");
    return p ? *p : NULL;
}
static inline int hadr_rl_point(void) {
    int *p = (int *)hadr_rl_symbol("rl_point");
    return p ? *p : 0;
}
static inline void hadr_rl_initialize(void) {
    int (*f)(void) = (int (*)(void))hadr_rl_symbol("rl_initialize");
    if (f) f();
}
static inline void hadr_rl_using_history(void) {
    void (*f)(void) = (void (*)(void))hadr_rl_symbol("using_history");
    if (f) f();
}
static inline void hadr_rl_set_history_max(int n) {
    void (*f)(int) = (void (*)(int))hadr_rl_symbol("stifle_history");
    if (f) f(n);
}
static inline char *hadr_readline(const char *prompt) {
    char *(*f)(const char *) = (char *(*)(const char *))hadr_rl_symbol("readline");
    return f ? f(prompt) : NULL;
}
static inline void hadr_add_history(const char *line) {
    int (*f)(const char *) = (int (*)(const char *))hadr_rl_symbol("add_history");
    if (f) f(line);
}

#endif
