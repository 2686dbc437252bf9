{"createImage": {"name": "foo-image", "metadata": {"meta_var": "meta_val"}}}
