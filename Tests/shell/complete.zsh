# Asks hadr's zsh completion what it offers, as zsh does on Tab: starts an interactive
# zsh in a pseudo-terminal (zpty), loads the completion system with the folder that
# holds _hadr, types the line and Tab, and prints every match compadd was given.
# Usage: zsh -f complete.zsh COMPLETIONS_FOLDER 'hadr --col'
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "compadd() { builtin compadd -O __hits \"\$@\"; local h; for h in \$__hits; do print -r -- \"HIT:\$h\"; done; builtin compadd \"\$@\" }"
zpty -w z "bindkey '^I' complete-word; print -r -- READY"
local line
zpty -r z line '*READY*'
zpty -w -n z "$2"$'\t'
sleep 1
zpty -w z $'\C-u'"print -r -- DONE"
local out
while zpty -r z line; do
    [[ $line == *DONE* && $line != *print* ]] && break
    if [[ $line == *HIT:* && $line != *print* ]]; then
        line=${line#*HIT:}
        out+="${${line//$'\r'/}//$'\n'/}"$'\n'
    fi
done
zpty -d z
print -rn -- "$out" | sort -u
