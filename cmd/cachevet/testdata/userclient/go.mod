module example.com/userclient

go 1.26
