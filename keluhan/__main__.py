from keluhan.cli import main

main()
