" hadr: comments start with #; :make checks the file (hadr --check) and fills the
" quickfix list from hadr's FILE:LINE:COL: lines (errors, and the calls that led there).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1
setlocal commentstring=#\ %s comments=:##,:#
setlocal makeprg=hadr\ --check\ %
setlocal errorformat=%f:%l:%c:\ %m
let b:undo_ftplugin = 'setlocal commentstring< comments< makeprg< errorformat<'
