W2870asian
nonsense^H<