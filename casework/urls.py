from django.urls import path

from casework.captcha import image_view

urlpatterns = [path("<str:token>.png", image_view, name="captcha_image")]
