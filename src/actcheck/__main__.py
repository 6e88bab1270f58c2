from actcheck.cli import main

main()
