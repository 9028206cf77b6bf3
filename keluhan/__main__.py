from keluhan.cepat import main

main()
