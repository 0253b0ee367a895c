" hadr scripts: *.hadr, and files whose first line is a #! line naming hadr.
autocmd BufRead,BufNewFile *.hadr setfiletype hadr
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<hadr\>' | setfiletype hadr | endif
