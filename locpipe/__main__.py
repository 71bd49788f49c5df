from locpipe.cli import main

main()
