# fish completion for hadr. Installed by `make install` into
# share/fish/vendor_completions.d/hadr.fish.
# Completes hadr's options, the values of --color, and .hadr scripts (and folders);
# once a script is named, every later word is the script's: any file.

# Whether the word at the cursor would be the script: no script, `-e` or `--` yet.
function __fish_hadr_wants_script
    set -l words (commandline -opc)
    set -e words[1]
    set -l value 0
    for i in (seq (count $words))
        set -l word $words[$i]
        if test $value = 1
            set value 0
            continue
        end
        switch $word
            case --
                # The word after `--` is the script, whatever it looks like.
                test $i = (count $words)
                return
            case -e '-e?*'
                return 1
            case --width --color --max-steps --timeout --max-depth --max-list --max-string
                set value 1
            case '-?*'
            case '*'
                return 1
        end
    end
    return 0
end

# The .hadr files and the folders that complete the word at the cursor (fish's own
# __fish_complete_suffix offers every file, the matching ones first).
function __fish_hadr_scripts
    set -l files (complete -C "__fish_command_without_completions "(commandline -ct))
    string match -r -- '^[^\t]*\.hadr(\t.*)?$' $files
    string match -r -- '^[^\t]*/(\t.*)?$' $files
end

complete -c hadr -s e -x -d 'Evaluate EXPR and print its value'
complete -c hadr -s i -l interactive -d 'Start the REPL after the script or the expressions'
complete -c hadr -l check -d 'Parse and resolve only: report errors, run nothing'
complete -c hadr -l json -d 'Print each result, and errors, as one line of JSON'
complete -c hadr -l csv -d 'Print each table, record or list result as CSV'
complete -c hadr -l markdown -d 'Print each table, record or list result as a Markdown table'
complete -c hadr -l width -x -d 'Draw output for N columns'
complete -c hadr -l color -x -a 'auto always never' -d 'Colour the output'
complete -c hadr -l max-steps -x -d 'Stop after N loop iterations and calls'
complete -c hadr -l timeout -x -d 'Stop after SECONDS seconds'
complete -c hadr -l max-depth -x -d 'Allow at most N nested calls'
complete -c hadr -l max-list -x -d 'Build lists of at most N items'
complete -c hadr -l max-string -x -d 'Build strings of at most N bytes'
complete -c hadr -s h -l help -d 'Show the help'
complete -c hadr -s V -l version -d 'Show the version'
# Files only where they belong: a .hadr script (or a folder on the way to one) as the
# first word that is no option, any file for the script's arguments.
complete -c hadr -f
complete -c hadr -n __fish_hadr_wants_script -a '(__fish_hadr_scripts)'
complete -c hadr -n 'not __fish_hadr_wants_script' -F
