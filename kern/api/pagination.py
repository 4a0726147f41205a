from rest_framework.pagination import PageNumberPagination

from kern.paginator import Paginator


class Paginering(PageNumberPagination):
    django_paginator_class = Paginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
