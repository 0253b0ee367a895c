# bash completion for hadr                                  -*- shell-script -*-
# Installed by `make install` into share/bash-completion/completions/hadr.
# Completes hadr's options, the values of --color, and .hadr scripts (and folders);
# once a script is named, every later word is the script's: plain file names.

_hadr() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n = || return
    else
        # Without the bash-completion package: COMP_WORDS splits `--color=never` at the `=`;
        # join such words back.
        words=()
        cword=0
        local j n=0 joining=0
        for ((j = 0; j < ${#COMP_WORDS[@]}; j++)); do
            if ((n > 0)) && [[ ${COMP_WORDS[j]} == "=" && ${words[n - 1]} == --* ]]; then
                words[n - 1]+="="
                joining=1
            elif ((joining)); then
                words[n - 1]+="${COMP_WORDS[j]}"
                joining=0
            else
                words[n]="${COMP_WORDS[j]}"
                ((n++))
            fi
            ((j == COMP_CWORD)) && cword=$((n - 1))
        done
        cur="${words[cword]}"
        prev="${words[cword - 1]}"
    fi

    local options="-e -i --interactive --check --json --csv --markdown --width --color --max-steps --timeout --max-depth --max-list --max-string -h --help -V --version"

    # Past the script (or `--`), the words are the script's arguments.
    local i word expressions=0
    for ((i = 1; i < cword; i++)); do
        word="${words[i]}"
        case "$word" in
            -e | --width | --color | --max-steps | --timeout | --max-depth | --max-list | --max-string)
                [[ $word == -e ]] && expressions=1
                ((i++))
                ;;
            -e?*) expressions=1 ;;
            --)
                # The word after `--` is the script, whatever it looks like; then its arguments.
                if ((i == cword - 1 && !expressions)); then
                    COMPREPLY=($(compgen -f -X '!*.hadr' -- "$cur") $(compgen -d -- "$cur"))
                else
                    COMPREPLY=($(compgen -f -- "$cur"))
                fi
                return
                ;;
            -?*) ;;
            *)
                COMPREPLY=($(compgen -f -- "$cur"))
                return
                ;;
        esac
    done

    # A value of the option before the cursor: `--color WHEN`, `--color=WHEN`.
    if [[ $cur == --color=* ]]; then
        COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}"))
        return
    fi
    case "$prev" in
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return
            ;;
        -e | --width | --max-steps | --timeout | --max-depth | --max-list | --max-string)
            # An expression or a number: nothing to offer.
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    # After -e EXPR the words are arguments; otherwise a script: .hadr files and folders.
    if ((expressions)); then
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.hadr' -- "$cur") $(compgen -d -- "$cur"))
    fi
}

complete -o filenames -F _hadr hadr
