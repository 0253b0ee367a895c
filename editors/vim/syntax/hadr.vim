" Vim syntax file
" Language: hadr (availability, resilience and disaster-recovery math)
" Filenames: *.hadr
if exists('b:current_syntax')
  finish
endif

syn keyword hadrConditional if then else
syn keyword hadrRepeat for in while do end
syn keyword hadrInclude import
syn keyword hadrOperatorWord and or not to
syn keyword hadrConstant true false none
syn keyword hadrKeyword fn nextgroup=hadrFunctionName skipwhite
syn keyword hadrSpecial args _

syn match hadrFunctionName "\h\w*" contained
syn match hadrCall "\<\h\w*\ze\s*("
syn match hadrLabel "\<\h\w*\ze\s*:"

" Numbers, then percentages and durations (later matches win in Vim).
syn match hadrNumber "\<\d[0-9_]*\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=\>"
syn match hadrPercentage "\<\d[0-9_]*\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=%"
syn match hadrDuration "\<\%(\d[0-9_]*\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=\%(ms\|min\|mo\|s\|m\|h\|d\|w\|q\|y\)\)\+\>"
syn match hadrDuration "\<\d[0-9_]*\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=\s\+\%(milliseconds\=\|seconds\=\|minutes\=\|min\|hours\=\|days\=\|weeks\=\|months\=\|quarters\=\|years\=\|ms\|s\|m\|h\|d\|w\|mo\|q\|y\)\>\%(\s*(\)\@!"
syn match hadrDuration "\<\d[0-9_]*\%(\.\d\+\)\=\%(milliseconds\=\|seconds\=\|minutes\=\|hours\=\|days\=\|weeks\=\|months\=\|quarters\=\|years\=\)\>"

syn match hadrOperator "[-+*/^&|<>=!]\|\.\."

syn match hadrEscape "\\[nt\"\\{}]" contained
syn region hadrInterpolation matchgroup=hadrDelimiter start="{" end="}" contained contains=TOP
syn region hadrString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=hadrEscape,hadrInterpolation
syn region hadrRawString start=+'+ end=+'+

syn match hadrComment "#.*$" contains=hadrTodo
syn match hadrDocComment "##.*$" contains=hadrTodo
syn match hadrShebang "\%^#!.*$"
syn keyword hadrTodo TODO FIXME XXX contained

hi def link hadrConditional Conditional
hi def link hadrRepeat Repeat
hi def link hadrInclude Include
hi def link hadrOperatorWord Operator
hi def link hadrConstant Constant
hi def link hadrKeyword Keyword
hi def link hadrSpecial Special
hi def link hadrFunctionName Function
hi def link hadrCall Function
hi def link hadrLabel Identifier
hi def link hadrNumber Number
hi def link hadrPercentage Number
hi def link hadrDuration Number
hi def link hadrOperator Operator
hi def link hadrEscape SpecialChar
hi def link hadrDelimiter Delimiter
hi def link hadrString String
hi def link hadrRawString String
hi def link hadrComment Comment
hi def link hadrDocComment SpecialComment
hi def link hadrShebang PreProc
hi def link hadrTodo Todo

let b:current_syntax = 'hadr'
